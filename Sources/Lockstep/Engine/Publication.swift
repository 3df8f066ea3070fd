/// What the stoppers find in the procedure slot after `epoch` moves.
enum Publication: Sendable {
    case idle
    case run(PublishedProcedure)
    case exit
}
