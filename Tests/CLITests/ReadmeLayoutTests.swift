import Foundation
import Testing

/// The README's layout table matches the code: every folder of `Sources/` has a row, every
/// path in it exists, and every name in backticks in a `Sources/` row is a file or a type
/// declared in that folder.
@Suite struct ReadmeLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func rows() throws -> [(paths: [String], names: [String])] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| path | what lives there |") else { return [] }
        var out: [(paths: [String], names: [String])] = []
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 3 else { continue }
            func ticked(_ s: String) -> [String] {
                s.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            }
            out.append((ticked(cells[1]), ticked(cells[2])))
        }
        return out
    }

    @Test func everySourceFolderHasARowAndEveryPathExists() throws {
        let rows = try Self.rows()
        #expect(rows.count > 10)
        let listed = Set(rows.flatMap(\.paths).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        for p in listed { #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(p).path), "\(p)") }
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        for f in folders { #expect(listed.contains("Sources/\(f)"), "Sources/\(f) has no row in the README's layout table") }
        let tests = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Tests").path)
        for f in tests { #expect(listed.contains("Tests/\(f)"), "Tests/\(f) has no row in the README's layout table") }
    }

    @Test func everyNameInASourcesRowIsAFileOrATypeThere() throws {
        for row in try Self.rows() {
            let folders = row.paths.filter { $0.hasPrefix("Sources/") }
            guard !folders.isEmpty else { continue }
            var text = ""
            var files = Set<String>()
            for folder in folders {
                let dir = Self.root.appendingPathComponent(folder)
                for f in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where f.hasSuffix(".swift") {
                    files.insert(String(f.dropLast(6)))
                    text += (try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)) ?? ""
                }
            }
            let folderNames = Set(folders.map { String($0.split(separator: "/").last!) })
            for name in row.names where !folderNames.contains(name) {
                // Names of code: a capitalized identifier (`Keymap`), a pair such as `Key`/`Event` is two.
                for part in name.split(separator: "/").map(String.init) where part.first?.isUppercase == true && part.allSatisfy({ $0.isLetter || $0.isNumber }) {
                    let declared = ["struct", "enum", "class", "protocol", "func", "extension"].contains { text.contains("\($0) \(part)") }
                    #expect(files.contains(part) || declared, "\(folders): `\(part)` is neither a file nor a type there")
                }
            }
        }
    }
}
