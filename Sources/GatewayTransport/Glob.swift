/// Shell-style file-name patterns: `*` (any run, including none), `?` (one character), `[abc]`, `[a-z]`,
/// `[!abc]` / `[^abc]` (negated set); everything else is literal. The whole name must match. There is no special
/// case for a leading dot or for `/`: `*` matches `.hidden`, and `.*` matches every dot file.
public enum Glob {
    /// True when `name` as a whole matches `pattern`.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let n = Array(name.unicodeScalars)
        var pi = 0
        var ni = 0
        var starPattern = -1  // position of the last `*` seen
        var starName = 0  // name position that `*` currently extends to
        while ni < n.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    starPattern = pi
                    starName = ni
                    pi += 1
                    continue
                case "?":
                    pi += 1
                    ni += 1
                    continue
                case "[":
                    if let (matched, next) = matchSet(p, at: pi, n[ni]) {
                        if matched {
                            pi = next
                            ni += 1
                            continue
                        }
                    } else if n[ni] == "[" {  // unterminated set: a literal `[`
                        pi += 1
                        ni += 1
                        continue
                    }
                default:
                    if p[pi] == n[ni] {
                        pi += 1
                        ni += 1
                        continue
                    }
                }
            }
            guard starPattern >= 0 else { return false }
            // Backtrack: let the last `*` swallow one more character.
            starName += 1
            ni = starName
            pi = starPattern + 1
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches `c` against the set that opens at `p[start]` (`[`). Returns whether it matched and the pattern
    /// position after the closing `]`, or nil when the set is not terminated.
    private static func matchSet(
        _ p: [Unicode.Scalar], at start: Int, _ c: Unicode.Scalar
    ) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == "]" && !first { return (matched != negated, i + 1) }
            first = false
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if p[i] <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
