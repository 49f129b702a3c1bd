/// A unified diff between two texts, line by line, as `diff -u` prints it.
///
/// Common leading and trailing lines are set aside first; the rest is compared with a longest-common-subsequence
/// table when that stays small, and shown as a whole replacement when it would not (a rewrite of a large file).
public struct LineDiff: Sendable {
    /// Lines of context around each change.
    public var context = 3
    /// The largest table (lines before × lines after) compared exactly.
    public var maximumTable = 4_000_000

    /// Creates a differ.
    public init() {}

    private enum Step: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The unified diff from `before` to `after`; empty when they are equal.
    public func unified(from before: String, to after: String, beforeName: String = "before", afterName: String = "after") -> String {
        let old = Self.lines(before)
        let new = Self.lines(after)
        let steps = self.steps(old, new)
        guard steps.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var output = "--- \(beforeName)\n+++ \(afterName)\n"
        var index = 0
        var oldLine = 1
        var newLine = 1
        while index < steps.count {
            guard let change = steps[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(index, change - context)
            for step in steps[index..<start] {
                if case .same = step {
                    oldLine += 1
                    newLine += 1
                }
            }
            var end = change
            var lastChange = change
            while end < steps.count {
                if case .same = steps[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            end = min(steps.count, lastChange + context + 1)
            let hunk = steps[start..<end]
            let oldCount = hunk.filter { if case .added = $0 { false } else { true } }.count
            let newCount = hunk.filter { if case .removed = $0 { false } else { true } }.count
            output += "@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@\n"
            for step in hunk {
                switch step {
                case .same(let line):
                    output += " \(line)\n"
                    oldLine += 1
                    newLine += 1
                case .removed(let line):
                    output += "-\(line)\n"
                    oldLine += 1
                case .added(let line):
                    output += "+\(line)\n"
                    newLine += 1
                }
            }
            index = end
        }
        return output
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private func steps(_ old: [String], _ new: [String]) -> [Step] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        var result = old[..<prefix].map(Step.same)
        if oldMiddle.count * newMiddle.count <= maximumTable {
            result += Self.longestCommonSubsequence(oldMiddle, newMiddle)
        } else {
            result += oldMiddle.map(Step.removed) + newMiddle.map(Step.added)
        }
        return result + old[(old.count - suffix)...].map(Step.same)
    }

    private static func longestCommonSubsequence(_ old: [String], _ new: [String]) -> [Step] {
        let width = new.count + 1
        var table = [Int32](repeating: 0, count: (old.count + 1) * width)
        for row in stride(from: old.count - 1, through: 0, by: -1) {
            for column in stride(from: new.count - 1, through: 0, by: -1) {
                table[row * width + column] =
                    old[row] == new[column]
                    ? table[(row + 1) * width + column + 1] + 1
                    : max(table[(row + 1) * width + column], table[row * width + column + 1])
            }
        }
        var steps: [Step] = []
        var row = 0
        var column = 0
        while row < old.count || column < new.count {
            if row < old.count, column < new.count, old[row] == new[column] {
                steps.append(.same(old[row]))
                row += 1
                column += 1
            } else if row < old.count, column == new.count || table[(row + 1) * width + column] >= table[row * width + column + 1] {
                steps.append(.removed(old[row]))
                row += 1
            } else {
                steps.append(.added(new[column]))
                column += 1
            }
        }
        return steps
    }
}
