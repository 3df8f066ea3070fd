/// One line of the heading.
struct HeadingLine {
    enum Kind { case title, fact, failure, note }
    let text: String
    let kind: Kind
}
