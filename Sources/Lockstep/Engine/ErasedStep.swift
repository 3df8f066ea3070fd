/// A step with its context bound and its scope resolved to a CPU index: what a stopper
/// thread runs, whatever the procedure's `Context` type.
///
/// A class with `let` fields so that stoppers can call it through an unretained reference:
/// copying a closure out of an array retains its context, and a context shared by every
/// CPU would bounce its reference count between them on every step.
@usableFromInline
final class ErasedStep: Sendable {
    @usableFromInline
    enum Scope: Sendable, Equatable {
        case once(index: Int)
        case serial
        case concurrent
    }

    let name: String
    let scope: Scope
    let scopeName: String
    let body: @Sendable (CPU, Int) throws -> Void

    @usableFromInline
    init(name: String, scope: Scope, scopeName: String, body: @escaping @Sendable (CPU, Int) throws -> Void) {
        self.name = name
        self.scope = scope
        self.scopeName = scopeName
        self.body = body
    }
}
