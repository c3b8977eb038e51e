#!/usr/bin/env python3
"""Reads X12 (pyx12) and EDIFACT (pydifact) files written by edigate with implementations that are not ours.

For each file prints one JSON line: {"file", "standard", "sets": [type, ...], "segments": N} or {"file", "error"}.
Exit status 1 when any file could not be read. Used by Tests/edigateTests/OutboundTests.swift.
"""
import json
import sys


def read_x12(path):
    import pyx12.error_handler
    import pyx12.x12file

    errors = pyx12.error_handler.errh_null()
    reader = pyx12.x12file.X12Reader(path)
    sets, segments = [], 0
    for segment in reader:
        segments += 1
        if segment.get_seg_id() == "ST":
            sets.append(segment.get_value("ST01"))
    # X12Reader checks envelope counts and control numbers as it reads; it records problems here.
    problems = [str(e) for e in reader.pop_errors()] if hasattr(reader, "pop_errors") else []
    errors_seen = getattr(reader, "err_list", [])
    return {"standard": "X12", "sets": sets, "segments": segments, "problems": problems + [str(e) for e in errors_seen]}


def read_edifact(path):
    from pydifact.segmentcollection import Interchange

    with open(path, encoding="utf-8") as handle:
        interchange = Interchange.from_str(handle.read())
    sets = [message.type for message in interchange.get_messages()]
    segments = sum(1 for _ in interchange.segments)
    return {"standard": "EDIFACT", "sets": sets, "segments": segments, "problems": []}


def main(paths):
    status = 0
    for path in paths:
        with open(path, "rb") as handle:
            head = handle.read(3)
        try:
            result = read_x12(path) if head == b"ISA" else read_edifact(path)
            result["file"] = path
            if result["problems"]:
                status = 1
        except Exception as error:  # any failure to read is a finding for the test
            result = {"file": path, "error": f"{type(error).__name__}: {error}"}
            status = 1
        print(json.dumps(result))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
