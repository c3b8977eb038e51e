#ifndef EDIGATE_CLIBSSH_SHIM_H
#define EDIGATE_CLIBSSH_SHIM_H
#include <libssh/libssh.h>
#include <libssh/sftp.h>
#endif
