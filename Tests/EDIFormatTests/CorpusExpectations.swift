/// What a person reading each corpus file expects (recorded by hand; see the note of each row).
let corpusExpectations: [CorpusExpectation] = [
    CorpusExpectation(
        "x12/bots_850-004010-01.x12", .rejected, interchanges: 1, groups: 1, sets: 1, codes: ["group.header.invalid"],
        note:
            "ISA12 00302, '@' component separator, newline terminator; SE01 39 and all control numbers match, but GS04 (segment 2) is the 6-digit 971107 where GS08 004010 needs CCYYMMDD"
    ),
    CorpusExpectation(
        "x12/bots_850-004010-08.x12", .acceptedWithWarnings, interchanges: 1, groups: 1, sets: 2,
        codes: ["interchange.repetition_separator.ignored"],
        note:
            "hard-wrapped at 80 columns (breaks inside the ISA at ISA10 and inside GS08) and read unwrapped; last record padded with spaces; ISA11 'U' with ISA12 00403 is a warning; SE01 27/26, GE01 2, IEA01 1 right"
    ),
    CorpusExpectation(
        "x12/bots_850-004010-10.x12", .accepted, interchanges: 1, groups: 1, sets: 2, codes: [],
        note:
            "0x15 (NAK) segment terminator followed by CRLF, '}' component separator; SE01 31/31, GE01 2, IEA01 1 right"
    ),
    CorpusExpectation(
        "x12/bots_850-004010.15.x12", .accepted, interchanges: 1, groups: 1, sets: 4, codes: [],
        note:
            "'|' element separator, '~' terminator, whole file on one line, ISA12 00305; four 850s with SE01 12/7/8/16 right, GE01 4"
    ),
    CorpusExpectation(
        "x12/bots_850_01.x12", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "'~' element separator, '|' component separator; counts all right"),
    CorpusExpectation(
        "x12/bots_855-004010UCS-01.x12", .accepted, interchanges: 1, groups: 1, sets: 6, codes: [],
        note:
            "GS08 004010UCS (004010 dictionary), GS07 'T'; six 855s with SE01 36/11/11/27/32/11 right, GE01 6; a line holding one space after IEA is whitespace"
    ),
    CorpusExpectation(
        "x12/bots_856_1.x12", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "ISA12 00403 with '^' repetition separator (never used in data); one 856 of 190 segments, SE01 190 right"),
    CorpusExpectation(
        "x12/bots_997_6.x12", .accepted, interchanges: 1, groups: 1, sets: 4, codes: [],
        note:
            "ISA12 00403 with '^'; four 997s of 8 segments in one GS*FA, GE01 4; the repeated AK2 numbers are data, not envelope"
    ),
    CorpusExpectation(
        "x12/bots_ebcdic.x12", .rejected, interchanges: 0, groups: 0, sets: 0, codes: ["file.unsupported_encoding"],
        note:
            "EBCDIC (cp037) ISA with NEL 0x85 terminators and blank-padded records; recognised as EBCDIC and not read, so no interchange, group or set is counted"
    ),
    CorpusExpectation(
        "x12/bots_mailbag01.x12", .rejected, interchanges: 8, groups: 9, sets: 14,
        codes: [
            "group.header.invalid", "group.control_number.duplicate", "set.control_number.duplicate",
            "interchange.repetition_separator.ignored", "file.stray_data",
        ],
        note:
            "8 interchanges (PROVENANCE says 5) with their own delimiters (0x15, newline, '~'); #4 and #5 have 6-digit GS04 under GS08 004010; #5 reuses GS06 5 in its second GS and ST02 000000001 twice in each group; #7 has ISA11 'U' with 00403 (warning) and spaces before tags; a 0x1A byte after the last IEA is stray data"
    ),
    CorpusExpectation(
        "x12/bots_testx120029.x12.base", .accepted, interchanges: 1, groups: 0, sets: 0, codes: [],
        note: "TA1-only interchange: 51 well-formed TA1 segments, no GS, IEA01 0, IEA02 = ISA13"),
    CorpusExpectation(
        "x12/ediengine_856.Crossdock.OK.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "newline terminator; one 856 with 13 HL, SE01 57 right"),
    CorpusExpectation(
        "x12/ediengine_MultipleInterchangesAndGroups.edi", .acceptedWithWarnings, interchanges: 2, groups: 4, sets: 6,
        codes: ["interchange.control_number.numeric_match"],
        note:
            "newline terminator, ISA12 00400; 2 ISA with 2 GS each, six 940s, all counts right; IEA02 3438/3439 against ISA13 000003438/000003439 are equal only as integers (warning); the last IEA ends at end of file without a line break"
    ),
    CorpusExpectation(
        "x12/edinet_x12.810a.edi", .rejected, interchanges: 1, groups: 1, sets: 1, codes: ["interchange.header.shape"],
        note:
            "BOM and TAB indentation; ISA02/ISA04 are one space and ISA06/ISA08 unpadded, so the ISA is not 106 characters (first missing separator at offset 17); the 16 elements still split on '*', so the GS/ST are read (to answer with TA1 R 011/006) but the interchange is rejected"
    ),
    CorpusExpectation(
        "x12/edinet_x12.820.issue140.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note:
            "ISA12 00501 with ':' as repetition separator (never used in data), newline terminator, GS08 005010; SE01 68 right; GS06 = GE02 = IEA02 values are fine"
    ),
    CorpusExpectation(
        "x12/edinet_x12.850.issue135.edi", .rejected, interchanges: 1, groups: 1, sets: 2,
        codes: ["set.control_number.duplicate"],
        note:
            "ISA16 '~' with newline terminator, so every segment ends in a dangling component separator (trailing separator or invalid character: not listed); both 850s in GS 1 use ST02 0001 (segment 90 repeats it); SE01 87/95 right"
    ),
    CorpusExpectation(
        "x12/nodex12_850_fat.edi", .accepted, interchanges: 2, groups: 2, sets: 2, codes: [],
        note:
            "two byte-identical interchanges (ISA13 000003438 twice), each with one 850, SE01 33 right; the repeat is for the store (interchange.duplicate), not the parser"
    ),
    CorpusExpectation(
        "x12/nodex12_855.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "one 855 with 4 PO1/ACK/SCH lines, SE01 26 right"),
    CorpusExpectation(
        "x12/nodex12_856.edi", .rejected, interchanges: 1, groups: 1, sets: 1, codes: ["element.too_many_repetitions"],
        note:
            "ISA12 00406 declares '-' as repetition separator, but '-' occurs in REF02 (set position 6) and N403 (set position 14), which do not repeat; envelope and SE01 31 right"
    ),
    CorpusExpectation(
        "x12/oop_810_Example3_MultiInvoice.txt", .accepted, interchanges: 1, groups: 1, sets: 2, codes: [],
        note: "BOM, CRLF, indentation; ISA12 00403 with '^', GS08 004030; two 810s, SE01 29/17, GE01 2 right"),
    CorpusExpectation(
        "x12/oop_810_Example5_Walmart.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["interchange.version.unsupported"],
        note:
            "BOM, CR terminator, indentation; the ISA is 106 characters (PROVENANCE is wrong there) but ISA12 is 00040, no control version; SE01 20 right; last IEA ends at end of file"
    ),
    CorpusExpectation(
        "x12/oop_820_Example3_HomeDepot.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: [
            "group.control_number.invalid", "group.trailer.reference", "element.invalid_number", "element.invalid_date",
        ],
        note:
            "a template with placeholders: GS06 (segment 2) is text and GE02 44 does not match it; BPR02 (set position 2) and RMR04/05 (11, 14, 17, 21) hold words; DTM02 is literally CCYYMMDD (6, 13, 16, 20, 23); ISA11 '|' in 00406"
    ),
    CorpusExpectation(
        "x12/oop_820_Example5_Wikipedia.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["group.header.invalid", "element.too_long", "element.too_short", "element.invalid_number"],
        note:
            "backslash terminator; GS04 031016 is YYMMDD under 004010 (segment 2); a space before each terminator makes ST02/SE02 10 characters, ENT01 and RMR04 (set positions 9-12) no numbers and GS08 '004010 '; BPR (position 2) lacks BPR10/11 so BPR10-14 fail their lengths; DTM02 (position 13) is 6 digits"
    ),
    CorpusExpectation(
        "x12/oop_846_Example1.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["interchange.header.element"],
        note:
            "'~' element separator, '>' component separator, '}' terminator; ISA11 is a space where 00401 requires 'U'; one 846, SE01 16 right"
    ),
    CorpusExpectation(
        "x12/oop_846_Example2.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["interchange.header.element", "element.too_many", "element.too_long"],
        note:
            "'~' element separator, '*' terminator; ISA11 a space in 00401; two terminators are missing, so REF and QTY merge at set position 13 (5 elements, REF04-1 too long, REF04-2 missing) and QTY and CTT at 23 (QTY03-1 too long); SE01 24 counts the merged segments"
    ),
    CorpusExpectation(
        "x12/oop_850_Example1_PGWGlass.txt", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note:
            "BOM, CRLF, indentation; '~' is the component separator and '|' the terminator, ISA12 00400; one 850, SE01 36 right"
    ),
    CorpusExpectation(
        "x12/oop_855_Example1_Adobe.txt", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note:
            "no visible terminator: ISA offset 105 is CR, so CR ends each segment and LF plus indentation is skipped; ISA12 00400; SE01 43 right; last IEA ends at end of file"
    ),
    CorpusExpectation(
        "x12/oop_856_Example1.txt", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "'~' element separator, '`' component separator, '*' terminator; BOM, indentation, ISA14 1; SE01 25 right"
    ),
    CorpusExpectation(
        "x12/oop_856_Example3.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["interchange.delimiter.invalid"],
        note:
            "segment terminator is the 3-byte UTF-8 ellipsis U+2026 (ISA offset 105 holds only its first byte 0xE2); multi-byte terminators are not allowed, so the interchange is rejected (TA1 004), though its GS/ST are still read"
    ),
    CorpusExpectation(
        "x12/oop_856_Example4.txt", .rejected, interchanges: 1, groups: 1, sets: 1, codes: ["element.too_long"],
        note:
            "'|' component separator; N402 (set position 14) is an 8-character placeholder where the 004010 state code is ID 2/2; envelope and SE01 40 right"
    ),
    CorpusExpectation(
        "x12/oop_856_edi1Source.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["element.too_many_repetitions"],
        note:
            "the nodex12_856 ASN with BOM, CRLF and indentation: ISA11 '-' (00406) occurs in REF02 (set position 6) and N403 (set position 14), which do not repeat"
    ),
    CorpusExpectation(
        "x12/oop_940_simplot.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["group.trailer.reference", "interchange.trailer.reference"],
        note:
            "ISA12 00200, ISA01 02, CR terminator; GE02 940001777 is not GS06 177818711 and IEA02 940001777 is not ISA13 398161180; SE01 27 right; last IEA ends at end of file"
    ),
    CorpusExpectation(
        "x12/oop_945_inter-americanproducts.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["interchange.repetition_separator.ignored", "group.header.invalid"],
        note:
            "ISA11 'U' with ISA12 00501 (warning); GS (segment 2) has 10 elements, GS03 empty and GS04 '000', so GS04-GS08 are shifted and GE02 31 matches nothing; ST02/SE02 are 10 characters (AN 4/9; code not listed)"
    ),
    CorpusExpectation(
        "x12/oop_999_DHS_Wisconsin_Sample.txt", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["element.too_short"],
        note:
            "005010X231 999 with ISA11 '^'; AK202 (set position 5) is 3 characters where AN 4/9; CTX06-1 (position 12) is not N0 in 005010 (not listed); counts right"
    ),
    CorpusExpectation(
        "x12/oop_TA1_TechnicalAcknowledgment_Sample1.txt", .rejected, interchanges: 1, groups: 0, sets: 0,
        codes: ["element.missing", "element.too_short"],
        note:
            "TA1-only interchange, IEA01 0; both TA1 (segments 2-3) have a 4-digit TA101 (N0 9/9), an 8-digit TA102 (YYMMDD in 00401) and no TA105"
    ),
    CorpusExpectation(
        "x12/oop_TA1_TechnicalAcknowledgment_SampleFromJeffN825.txt", .acceptedWithWarnings, interchanges: 1, groups: 0,
        sets: 0, codes: ["element.trailing_separator"],
        note:
            "'>' element separator, '+' component separator, ISA11 '^' in 00501, CR terminator; the TA1 (segment 2) ends in '>+', a sixth element of separators only (trailing separators); IEA01 0; last IEA ends at end of file"
    ),
    CorpusExpectation(
        "x12/staedi_extraDelimiter997.edi", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["element.too_many_repetitions"],
        note:
            "005010X230 997: AK302 and AK304 (set position 4) and AK404 (position 5) carry '^' repetitions and ':' components, but they are simple, non-repeating elements; envelope right"
    ),
    CorpusExpectation(
        "x12/staedi_invoice810_po850_dual.edi", .accepted, interchanges: 1, groups: 2, sets: 3, codes: [],
        note:
            "GS IN/004010 with two 810s (SE01 32/22) and GS PO/003010 with one 850 (SE01 17), IEA01 2; the 6-digit GS04 and BEG05 of the 003010 group are right for 003010; its N1 at set position 9 breaks the N103/N104 pair rule (outside our checks)"
    ),
    CorpusExpectation(
        "x12/staedi_multi-tx-transaction-type.edi", .accepted, interchanges: 1, groups: 1, sets: 2, codes: [],
        note: "ISA16 '^' in 00401; two 855s of 3 segments, GS06 = GE02 0001, GE01 2"),
    CorpusExpectation(
        "x12/staedi_optionalInterchangeServices.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note:
            "ISB and ISE (segments 2-3) are the optional interchange-service segments allowed between ISA and GS in 00401; one 997, SE01 4 right"
    ),
    CorpusExpectation(
        "x12/staedi_simple997.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note: "005010X230 997 with ISA11 '^' and ':' component separator; SE01 8 right"),
    CorpusExpectation(
        "x12/staedi_simple999.edi", .accepted, interchanges: 1, groups: 1, sets: 1, codes: [],
        note:
            "005010X231 999; CTX01 (set position 12) repeats with '^', which C998 allows (up to 10) in 005010; counts right"
    ),
    CorpusExpectation(
        "edifact/bots_dutchic_aperak1.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note: "no UNA, UNOA:3; one APERAK D96A, UNT 8 right, UNZ 1"),
    CorpusExpectation(
        "edifact/bots_dutchic_desadv1.edi", .accepted, interchanges: 1, groups: 0, sets: 8, codes: [],
        note:
            "no UNA, UNOA:3; 8 DESADV D96A in one interchange, every UNT right, UNZ 8; QTY values of 15 digits fit n..15"
    ),
    CorpusExpectation(
        "edifact/bots_invoic01.edi", .accepted, interchanges: 1, groups: 0, sets: 2, codes: [],
        note: "no UNA, UNOA:3, mixed CRLF/LF line ends; two INVOIC D96A of 80 segments, UNZ 2"),
    CorpusExpectation(
        "edifact/bots_orders02.edi", .rejected, interchanges: 24, groups: 0, sets: 24, codes: ["element.invalid_date"],
        note:
            "24 complete interchanges in a row, each with one ORDERS D96A; every UNT count and UNT/UNZ reference matches; but segments 162-163 send DTM 2380 values of 12 and 24 digits under formats 102 and 203"
    ),
    CorpusExpectation(
        "edifact/dfdl_INVOIC_D.03B_Interchange_with_UNA.txt", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["interchange.date.invalid"],
        note:
            "UNA ':+.?*'' (repetition '*'), UNOC:4, release characters in IMD; UNB S004 date is the 6-digit 990420 but syntax 4 requires CCYYMMDD; UNT 36 right"
    ),
    CorpusExpectation(
        "edifact/edifabric_CONTRL.txt", .rejected, interchanges: 1, groups: 0, sets: 2,
        codes: ["interchange.header.element"],
        note:
            "BOM, no UNA; UNB S001 is 'UNOB' without the mandatory syntax version 0002; two CONTRL:4:1 messages, UNT 3 each, UNZ 2"
    ),
    CorpusExpectation(
        "edifact/edinet_Apperak_edi_out_issue235.edi", .rejected, interchanges: 2, groups: 0, sets: 1,
        codes: ["interchange.header.element", "interchange.trailer.missing"],
        note:
            "a stray UNB (segment 1) with S001-S004 empty opens an interchange that gets no UNZ; the real UNB (segment 2) lacks 0020, so UNZ 0020 '4' matches no header; APERAK UNT 9 right"
    ),
    CorpusExpectation(
        "edifact/edinet_edifact.ORDRSP.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["set.trailer.count", "set.trailer.reference", "interchange.trailer.reference"],
        note:
            "whole interchange on one line, UNOC:3, ORDRSP D10A; UNT (segment 32) says 17 for 31 segments and 9IM20YSP9 for UNH 9IMX20YSP0009; UNZ 0020 DAREFNR00001 for UNB DAREFNR0000001"
    ),
    CorpusExpectation(
        "edifact/edireader_ORDERS-D01B-UNOC.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note:
            "UNOC:3 with Latin-1 bytes (any byte is valid under UNOC); an ORDRSP D01B despite the name, values filled to maximum lengths, UNT 253 right"
    ),
    CorpusExpectation(
        "edifact/edireader_ORDERS-D01B-UNOE.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note: "UNOE:3 (ISO 8859-5, single-byte Cyrillic); ORDERS D01B filled to maximum lengths, UNT 270 right"),
    CorpusExpectation(
        "edifact/edireader_tiny-syntaxVariants-UNOA.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["interchange.header.element", "interchange.charset.level"],
        note:
            "UNA '^*.? $'; the UNOA:1 UNB (segment 1) carries lower-case values (warning) and letters in 0031 and 0035, which are n1; UNT 4 right"
    ),
    CorpusExpectation(
        "edifact/phpedifact_example_order_ok.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["element.too_long"],
        note:
            "UNOC:3, ORDERS D01B, UNT 599 right; every QTY (first at message position 16) has a 4-character measure unit in 6411 (an..3); the U+FFFD bytes in names are valid under UNOC"
    ),
    CorpusExpectation(
        "edifact/phpedifact_example_release_character.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["interchange.version.unsupported", "set.trailer.count"],
        note:
            "syntax identifier IATB:1 (IATA), not a UN/EDIFACT level we support; the ?' ?+ ?: ?? escapes parse cleanly, but UNT (segment 24) says 14 for 23 segments"
    ),
    CorpusExpectation(
        "edifact/phpedifact_example_utf8.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["element.too_long"],
        note:
            "UNOC:1 with UTF-8 bytes (valid under UNOC); UNH S009 version is '0' instead of 'D'; BGM 1225 (message position 2) has 6 characters (an..3); UNT 21 right"
    ),
    CorpusExpectation(
        "edifact/pydifact_invoice1.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note:
            "no UNA, UNOA:1, INVOIC D97A, UNT 24 right; DTM values of 12 digits with format 102 are outside our EDIFACT checks"
    ),
    CorpusExpectation(
        "edifact/pydifact_order.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["interchange.date.invalid", "interchange.trailer.missing"],
        note:
            "UNA with ',' decimal mark, UNOA:4; UNB date 081012 is 6 digits under syntax 4; the file ends after UNT (16, right) without UNZ"
    ),
    CorpusExpectation(
        "edifact/pydifact_v3_aperak.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["set.trailer.count", "interchange.charset.level"],
        note: "UNOA:3 with lower-case FTX text (warning); UNT (segment 8) says 8 for 7 segments"),
    CorpusExpectation(
        "edifact/pydifact_v4_aperak_rejected.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["set.trailer.count", "interchange.date.invalid", "interchange.charset.level"],
        note:
            "UNOA:4: UNB date 250322 is 6 digits under syntax 4; lower-case FTX text (warning); UNT (segment 8) says 8 for 7 segments"
    ),
    CorpusExpectation(
        "edifact/smooks_recadv.txt", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: [
            "interchange.charset.invalid", "interchange.charset.level", "element.too_long",
            "element.trailing_separator",
        ],
        note:
            "UNOA:3 but the NAD at message position 9 holds UTF-8 CJK bytes, and lower case elsewhere (warning); NAD C080 at position 12 is 38 characters after releasing ?' (an..35); LIN at position 15 ends in '++' (warning); UNT 24 right"
    ),
    CorpusExpectation(
        "edifact/staedi_invoic_d93a_una.edi", .rejected, interchanges: 1, groups: 0, sets: 1,
        codes: ["interchange.charset.invalid", "interchange.charset.level"],
        note:
            "UNA with ',' decimal mark (used in MOA/PRI), UNOA:2; the NADs at message positions 6-7 hold a UTF-8 umlaut and lower case; DTM 2380 at position 5 is no calendar date (outside our EDIFACT checks); UNT 28 right"
    ),
    CorpusExpectation(
        "edifact/staedi_invoic_d97b_una.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note:
            "UNA '=*.? ~' (component '=', element '*', terminator '~'); '?4' in UNB S003 releases a non-service character and reads as '4'; UNT 24 right"
    ),
    CorpusExpectation(
        "edifact/staedi_orders-with-group.edi", .rejected, interchanges: 1, groups: 1, sets: 1,
        codes: ["set.trailer.count", "group.header.invalid"],
        note:
            "no UNA, UNOA:3, one UNG group (UNZ 1 counts it, UNE 1); UNG S008 (segment 2) has a fourth component and a 7-character 0057; UNH 0057 is 7 characters too (an..6, code not listed); UNT says 21 for 18 segments"
    ),
    CorpusExpectation(
        "edifact/staedi_wrapped_invoic_d97b_una.edi", .accepted, interchanges: 1, groups: 0, sets: 1, codes: [],
        note:
            "the staedi_invoic_d97b_una interchange hard-wrapped every 16 characters (breaks inside tags and values) and read unwrapped; UNT 24 right"
    ),
    CorpusExpectation(
        "edifact/vscedi_DESADV.edifact", .rejected, interchanges: 1, groups: 0, sets: 2,
        codes: ["set.control_number.duplicate"],
        note:
            "UNA ':+.?*'', UNOB:3, sender and recipient ids a single space; both DESADV D07A use UNH 0062 2266 (segment 103 repeats it); UNT 101 each, UNZ 2"
    ),
    CorpusExpectation(
        "edifact/vscedi_bug-edifact-escape.edifact", .acceptedWithWarnings, interchanges: 1, groups: 0, sets: 1,
        codes: ["element.trailing_separator"],
        note:
            "release character '!' (escapes !' and !:); UNB (segment 1) ends in '+++++' (trailing empty elements, warning); sender and recipient ids a single space; UNT 5 right"
    ),
    CorpusExpectation(
        "edifact/vscedi_multiple_transactions.edifact", .rejected, interchanges: 2, groups: 3, sets: 8,
        codes: ["group.header.invalid"],
        note:
            "blank lines between segments; interchange 1 has 3 loose messages (UNZ 3), interchange 2 has 3 UNG groups (UNZ 3, UNE 1/1/3), counts right; each UNG S004 date has 8 digits where syntax 3 takes YYMMDD, and UNG S008 S:1 differs from UNH D:07A"
    ),
]
