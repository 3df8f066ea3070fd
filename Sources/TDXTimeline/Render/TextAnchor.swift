/// Where a text label's x lies on it.
enum TextAnchor: String {
    case start, middle, end
}
