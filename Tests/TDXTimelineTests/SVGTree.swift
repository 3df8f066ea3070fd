import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document parsed by Foundation's XMLParser into elements with their attributes,
/// text and children: what the tests read positions and tooltips from.
final class SVGElement {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [SVGElement] = []
    weak var parent: SVGElement?

    init(name: String, attributes: [String: String], parent: SVGElement?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    /// Every element below this one, depth first.
    var descendants: [SVGElement] { children.flatMap { [$0] + $0.descendants } }

    /// The first descendant with `id`.
    func element(id: String) -> SVGElement? { descendants.first { $0.attributes["id"] == id } }

    /// The `<title>` child's text (the tooltip).
    var title: String? { children.first { $0.name == "title" }?.text }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// The attribute on this element or the nearest ancestor that has it (SVG inheritance).
    func inherited(_ attribute: String) -> String? { attributes[attribute] ?? parent?.inherited(attribute) }
}

/// Why an SVG did not parse.
struct SVGParseError: Error, CustomStringConvertible {
    let description: String
}

enum SVGTree {
    /// Parses `text`; throws with the parser's error and line when it is not well-formed XML.
    static func parse(_ text: String) throws -> SVGElement {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw SVGParseError(
                description: "not well-formed at line \(parser.lineNumber): "
                    + "\(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: SVGElement?
        var current: SVGElement?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let element = SVGElement(name: elementName, attributes: attributes, parent: current)
            if let current { current.children.append(element) } else { root = element }
            current = element
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            current = current?.parent
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current?.text += string
        }
    }
}
