import TerminalCore

/// What a piece of the screen means; a theme decides how it looks. Widgets only name roles.
public enum Role: Sendable, Hashable, CaseIterable {
    case text, dim, header, status, hint, message, error
    case listDate, listKind, listTitle, listTeaser, selection, selectionInactive
    case title, label, question, answer, match, currentMatch, border, progress, queryMatch, chip, spark
}

/// Maps roles to styles: colours, or a clean monochrome look under `NO_COLOR` and on terminals
/// without colour (reverse video for the selection, bold for questions, underline for matches).
public struct Theme: Sendable {
    public var styles: [Role: Style]

    public func style(_ r: Role) -> Style { styles[r] ?? .plain }

    public static let color = Theme(styles: [
        .text: .plain,
        .dim: Style(dim: true),
        .header: Style(fg: .black, bg: .cyan, bold: true),
        .status: Style(fg: .black, bg: .white),
        .hint: Style(fg: .black, bg: .white),
        .message: Style(fg: .black, bg: .yellow, bold: true),
        .error: Style(fg: .white, bg: .red, bold: true),
        .listDate: Style(fg: .cyan),
        .listKind: Style(fg: .magenta, bold: true),
        .listTitle: .plain,
        .listTeaser: Style(dim: true),
        .selection: Style(fg: .black, bg: .cyan),
        .selectionInactive: Style(bold: true, underline: true),
        .title: Style(fg: .yellow, bold: true),
        .label: Style(fg: .cyan),
        .question: Style(fg: .green, bold: true),
        .answer: .plain,
        .match: Style(fg: .black, bg: .yellow),
        .currentMatch: Style(fg: .black, bg: .red, bold: true),
        .border: Style(fg: .blue),
        .progress: Style(fg: .green, bold: true),
        .queryMatch: Style(fg: .yellow, bold: true, underline: true),
        .chip: Style(fg: .black, bg: .yellow),
        .spark: Style(fg: .black, bg: .cyan),
    ])

    public static let monochrome = Theme(styles: [
        .text: .plain,
        .dim: Style(dim: true),
        .header: Style(reverse: true),
        .status: Style(reverse: true),
        .hint: Style(reverse: true),
        .message: Style(bold: true, reverse: true),
        .error: Style(bold: true, reverse: true),
        .listDate: .plain,
        .listKind: Style(bold: true),
        .listTitle: .plain,
        .listTeaser: Style(dim: true),
        .selection: Style(reverse: true),
        .selectionInactive: Style(bold: true, underline: true),
        .title: Style(bold: true),
        .label: Style(bold: true),
        .question: Style(bold: true),
        .answer: .plain,
        .match: Style(underline: true),
        .currentMatch: Style(bold: true, reverse: true),
        .border: .plain,
        .progress: Style(bold: true),
        .queryMatch: Style(bold: true, underline: true),
        .chip: Style(bold: true, reverse: true),
        .spark: Style(reverse: true),
    ])
}
