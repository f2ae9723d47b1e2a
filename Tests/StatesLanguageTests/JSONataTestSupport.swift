import Foundation
import Testing
@testable import StatesLanguage

/// JSONata's documentation examples run against these two documents.
enum JSONataSamples {
    static let address = json("""
        {"FirstName": "Fred", "Surname": "Smith", "Age": 28,
         "Address": {"Street": "Hursley Park", "City": "Winchester", "Postcode": "SO21 2JN"},
         "Phone": [{"type": "home", "number": "0203 544 1234"}, {"type": "office", "number": "01962 001234"},
                   {"type": "office", "number": "01962 001235"}, {"type": "mobile", "number": "077 7700 1234"}],
         "Email": [{"type": "work", "address": ["fred.smith@my-work.com", "fsmith@my-work.com"]},
                   {"type": "home", "address": ["freddy@my-social.com", "frederic.smith@very-serious.com"]}],
         "Other": {"Over 18 ?": true, "Misc": null,
                   "Alternative.Address": {"Street": "Brick Lane", "City": "London", "Postcode": "E1 6RF"}}}
        """)

    static let invoice = json("""
        {"Account": {"Account Name": "Firefly", "Order": [
          {"OrderID": "order103", "Product": [
            {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608",
             "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75},
             "Price": 34.45, "Quantity": 2},
            {"Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348",
             "Description": {"Colour": "Orange", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.6},
             "Price": 21.67, "Quantity": 1}]},
          {"OrderID": "order104", "Product": [
            {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863",
             "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75},
             "Price": 34.45, "Quantity": 4},
            {"ProductID": 345664, "SKU": "0406654603", "Product Name": "Cloak",
             "Description": {"Colour": "Black", "Width": 30, "Height": 20, "Depth": 210, "Weight": 2},
             "Price": 107.99, "Quantity": 1}]}]}}
        """)

    /// 2017-05-15T15:12:59.152Z, the instant JSONata's documentation uses for `$now()`.
    static let environment = JSONataEnvironment(
        now: Date(timeIntervalSince1970: 1_494_861_179.152), random: { 0.25 },
        uuid: { "6f2d6f39-2ef3-4c3b-9b0a-2b1e1c1c1c1c" })
}

/// One expression and what it evaluates to, as JSON text; `nil` is undefined.
struct JSONataCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var expected: String?
    var testDescription: String { expression }

    init(_ expression: String, _ expected: String?) {
        self.expression = expression
        self.expected = expected
    }
}

func evaluateJSONata(_ expression: String, _ input: JSON? = nil, bindings: [String: JSON] = [:]) throws(JSONataError) -> JSON? {
    try JSONataExpression(expression).evaluate(input, bindings: bindings, environment: JSONataSamples.environment)
}

/// The JSONata error code an expression fails with, or `nil` when it does not fail.
func jsonataErrorCode(_ expression: String, _ input: JSON? = nil) -> String? {
    do {
        _ = try evaluateJSONata(expression, input)
        return nil
    } catch {
        return error.code
    }
}

func expectJSONata(_ c: JSONataCase, _ input: JSON?, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let result = try evaluateJSONata(c.expression, input)
        #expect(result == c.expected.map(json), "\(c.expression)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(c.expression) threw \(error)", sourceLocation: sourceLocation)
    }
}
