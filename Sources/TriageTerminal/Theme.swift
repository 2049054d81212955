import TriageViewModel

/// How a role looks: a foreground colour for 256-colour and 8-colour terminals (nil keeps
/// the terminal's own), a background for bars, and attributes that carry meaning even
/// without colour.
public struct RoleStyle: Sendable, Equatable {
    public var foreground256: Int16?
    public var foreground8: Int16?
    public var background256: Int16?
    public var background8: Int16?
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(
        _ foreground256: Int16? = nil, _ foreground8: Int16? = nil, background256: Int16? = nil, background8: Int16? = nil,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground256 = foreground256
        self.foreground8 = foreground8
        self.background256 = background256
        self.background8 = background8
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

/// A theme: a style for every role. Backgrounds are the terminal's own (transparent and
/// light terminals stay readable) except on the title and status bars.
public struct Theme: Sendable {
    public enum Name: String, CaseIterable, Sendable {
        case dark, light, mono
    }

    public let name: Name
    private let styles: [StyleRole: RoleStyle]

    public init(_ name: Name) {
        self.name = name
        switch name {
        case .dark: styles = Theme.dark
        case .light: styles = Theme.light
        case .mono: styles = Theme.mono
        }
    }

    public func style(_ role: StyleRole) -> RoleStyle {
        styles[role] ?? RoleStyle()
    }

    /// Colour numbers: 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white.
    static let dark: [StyleRole: RoleStyle] = [
        .normal: RoleStyle(),
        .dim: RoleStyle(245, nil, dim: true),
        .header: RoleStyle(252, 7, background256: 236, background8: 4, bold: true),
        .status: RoleStyle(250, 7),
        .statusKey: RoleStyle(117, 6, bold: true),
        .title: RoleStyle(117, 6, bold: true),
        .label: RoleStyle(110, 6),
        .accent: RoleStyle(179, 3),
        .border: RoleStyle(242, nil, dim: true),
        .prompt: RoleStyle(229, 3, bold: true),
        .warning: RoleStyle(214, 3, bold: true),
        .errorText: RoleStyle(203, 1, bold: true),
        .success: RoleStyle(114, 2),
        .json: RoleStyle(250, nil),
        .marker: RoleStyle(177, 5, bold: true),
        .match: RoleStyle(0, 0, background256: 179, background8: 3),
        .currentMatch: RoleStyle(0, 0, background256: 214, background8: 3, bold: true, underline: true),
        .approved: RoleStyle(114, 2, bold: true),
        .attention: RoleStyle(185, 3, bold: true),
        .provisional: RoleStyle(80, 6, bold: true),
        .review: RoleStyle(213, 5, bold: true),
        .inconclusive: RoleStyle(222, 3),
        .pending: RoleStyle(75, 4, bold: true),
        .rejected: RoleStyle(203, 1, bold: true),
        .retry: RoleStyle(208, 3),
        .error: RoleStyle(167, 1),
        .unknown: RoleStyle(248, 7, underline: true),
        .secureClear: RoleStyle(108, 2),
        .secureSuspect: RoleStyle(213, 5, bold: true),
        .secureError: RoleStyle(167, 1),
        .actionPassed: RoleStyle(114, 2),
        .actionFailed: RoleStyle(203, 1, bold: true),
        .actionPending: RoleStyle(179, 3),
        .actionOther: RoleStyle(177, 5),
    ]

    static let light: [StyleRole: RoleStyle] = [
        .normal: RoleStyle(),
        .dim: RoleStyle(243, nil),
        .header: RoleStyle(235, 0, background256: 253, background8: 6, bold: true),
        .status: RoleStyle(238, 0),
        .statusKey: RoleStyle(25, 4, bold: true),
        .title: RoleStyle(25, 4, bold: true),
        .label: RoleStyle(24, 4),
        .accent: RoleStyle(130, 3),
        .border: RoleStyle(248, nil),
        .prompt: RoleStyle(94, 3, bold: true),
        .warning: RoleStyle(130, 3, bold: true),
        .errorText: RoleStyle(160, 1, bold: true),
        .success: RoleStyle(28, 2),
        .json: RoleStyle(238, nil),
        .marker: RoleStyle(127, 5, bold: true),
        .match: RoleStyle(0, 0, background256: 223, background8: 3),
        .currentMatch: RoleStyle(0, 0, background256: 214, background8: 3, bold: true, underline: true),
        .approved: RoleStyle(28, 2, bold: true),
        .attention: RoleStyle(100, 3, bold: true),
        .provisional: RoleStyle(30, 6, bold: true),
        .review: RoleStyle(127, 5, bold: true),
        .inconclusive: RoleStyle(136, 3),
        .pending: RoleStyle(25, 4, bold: true),
        .rejected: RoleStyle(160, 1, bold: true),
        .retry: RoleStyle(166, 3),
        .error: RoleStyle(124, 1),
        .unknown: RoleStyle(240, nil, underline: true),
        .secureClear: RoleStyle(65, 2),
        .secureSuspect: RoleStyle(127, 5, bold: true),
        .secureError: RoleStyle(124, 1),
        .actionPassed: RoleStyle(28, 2),
        .actionFailed: RoleStyle(160, 1, bold: true),
        .actionPending: RoleStyle(130, 3),
        .actionOther: RoleStyle(127, 5),
    ]

    /// No colour at all: attributes only. Categories still read by their badge words.
    static let mono: [StyleRole: RoleStyle] = [
        .normal: RoleStyle(),
        .dim: RoleStyle(dim: true),
        .header: RoleStyle(bold: true, reverse: true),
        .status: RoleStyle(reverse: true),
        .statusKey: RoleStyle(bold: true),
        .title: RoleStyle(bold: true),
        .label: RoleStyle(underline: true),
        .accent: RoleStyle(bold: true),
        .border: RoleStyle(dim: true),
        .prompt: RoleStyle(bold: true),
        .warning: RoleStyle(bold: true),
        .errorText: RoleStyle(bold: true, underline: true),
        .marker: RoleStyle(bold: true),
        .match: RoleStyle(reverse: true),
        .currentMatch: RoleStyle(bold: true, underline: true, reverse: true),
        .rejected: RoleStyle(bold: true),
        .review: RoleStyle(bold: true, underline: true),
        .secureSuspect: RoleStyle(bold: true),
        .actionFailed: RoleStyle(bold: true),
        .unknown: RoleStyle(underline: true),
    ]
}
