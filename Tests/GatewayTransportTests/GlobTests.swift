import GatewayTransport
import Testing

@Suite struct GlobTests {
    @Test func literalsAndWildcards() {
        #expect(Glob.matches("ORD1.edi", "ORD1.edi"))
        #expect(!Glob.matches("ORD1.edi", "ORD1.edi2"))
        #expect(!Glob.matches("ORD1.edi", "ORD1.ed"))
        #expect(Glob.matches("*.edi", "ORD1.edi"))
        #expect(Glob.matches("*.edi", ".edi"))
        #expect(!Glob.matches("*.edi", "ORD1.edi.part"))
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("ORD?.edi", "ORD7.edi"))
        #expect(!Glob.matches("ORD?.edi", "ORD.edi"))
        #expect(Glob.matches("*a*b*c", "xxaxxbxxbcc"))
        #expect(!Glob.matches("*a*b*c", "xxaxxbxxbcd"))
        #expect(Glob.matches("**x", "abx"))
    }

    @Test func dotFiles() {
        #expect(Glob.matches(".*", ".hidden"))
        #expect(Glob.matches(".*", "."))
        #expect(!Glob.matches(".*", "visible"))
        #expect(Glob.matches("*.part", "ORD1.edi.part"))
    }

    @Test func sets() {
        #expect(Glob.matches("[abc].edi", "b.edi"))
        #expect(!Glob.matches("[abc].edi", "d.edi"))
        #expect(Glob.matches("[a-c]x", "cx"))
        #expect(!Glob.matches("[a-c]x", "dx"))
        #expect(Glob.matches("[!a-c]x", "dx"))
        #expect(!Glob.matches("[^a-c]x", "ax"))
        #expect(Glob.matches("[]]", "]"))
        #expect(Glob.matches("[a-]", "-"))
        #expect(Glob.matches("[*?]", "*"))
        #expect(!Glob.matches("[*?]", "x"))
        // An unterminated set is a literal "[".
        #expect(Glob.matches("a[b", "a[b"))
        #expect(!Glob.matches("a[b", "ab"))
    }
}
