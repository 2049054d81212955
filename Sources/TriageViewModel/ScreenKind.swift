/// The kinds of screen and overlay, for the keymap and the help.
public enum ScreenKind: String, CaseIterable, Sendable, Hashable {
    case jobList = "job list"
    case jobDetail = "job detail"
    case codeExplainer = "code explainer"
    case catalogue = "catalogue"
    case smileSecure = "Smile Secure"
    case suspectList = "jobs with suspects"
    case rings = "rings"
    case frequency = "frequency"
    case problems = "problems"
    case filterMenu = "filter menu"
    case markMenu = "mark menu"
    case confirm = "confirmation"
    case help = "help"
}
