/// The cryptographic facts about a staged image that do not depend on platform state, computed at most
/// once per image identity (sigstruct bytes, module page addresses, memory generation).
struct ImageFacts: Sendable {
    var keyTrusted: Bool
    var signatureFailure: String?
    var moduleHashMatches: Bool
}
