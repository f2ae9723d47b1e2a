import Testing
@testable import StatesLanguage

@Suite struct JSONataPathTests {
    @Test("paths navigate, map and flatten as the JSONata documentation shows", arguments: [
        JSONataCase("Surname", #""Smith""#),
        JSONataCase("Age", "28"),
        JSONataCase("Address.City", #""Winchester""#),
        JSONataCase("Other.Misc", "null"),
        JSONataCase("Other.Nothing", nil),
        JSONataCase("Other.`Over 18 ?`", "true"),
        JSONataCase("Phone[0]", #"{"type": "home", "number": "0203 544 1234"}"#),
        JSONataCase("Phone[-1].number", #""077 7700 1234""#),
        JSONataCase("Phone[-2].number", #""01962 001235""#),
        JSONataCase("Phone[8]", nil),
        JSONataCase("Phone[0].number", #""0203 544 1234""#),
        JSONataCase("Phone.number", #"["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"]"#),
        JSONataCase("Phone.number[0]", #"["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"]"#),
        JSONataCase("(Phone.number)[0]", #""0203 544 1234""#),
        JSONataCase("Phone[[0..1]].number", #"["0203 544 1234", "01962 001234"]"#),
        JSONataCase("Phone[type='mobile'].number", #""077 7700 1234""#),
        JSONataCase("Phone[type='office'].number", #"["01962 001234", "01962 001235"]"#),
        JSONataCase("Address.*", #"["Hursley Park", "Winchester", "SO21 2JN"]"#),
        JSONataCase("*.Postcode", #""SO21 2JN""#),
        JSONataCase("**.Postcode", #"["SO21 2JN", "E1 6RF"]"#),
        JSONataCase("FirstName & ' ' & Surname", #""Fred Smith""#),
        JSONataCase("Address.(Street & ', ' & City)", #""Hursley Park, Winchester""#),
        JSONataCase("Email.address", #"["fred.smith@my-work.com", "fsmith@my-work.com", "freddy@my-social.com", "frederic.smith@very-serious.com"]"#),
        JSONataCase("Email[type='work'].address", #"["fred.smith@my-work.com", "fsmith@my-work.com"]"#),
        JSONataCase("Phone.{type: number}", #"[{"home": "0203 544 1234"}, {"office": "01962 001234"}, {"office": "01962 001235"}, {"mobile": "077 7700 1234"}]"#),
        JSONataCase("Phone{type: number}", #"{"home": "0203 544 1234", "office": ["01962 001234", "01962 001235"], "mobile": "077 7700 1234"}"#),
        JSONataCase("Phone{type: number[]}", #"{"home": ["0203 544 1234"], "office": ["01962 001234", "01962 001235"], "mobile": ["077 7700 1234"]}"#),
        JSONataCase("[Address, Other.`Alternative.Address`].City", #"["Winchester", "London"]"#),
        JSONataCase("Address.City[]", #"["Winchester"]"#),
        JSONataCase("Phone[type='home'][]", #"[{"type": "home", "number": "0203 544 1234"}]"#),
        JSONataCase("Phone^(number).number", #"["01962 001234", "01962 001235", "0203 544 1234", "077 7700 1234"]"#),
        JSONataCase("Phone^(>type, number)[0].number", #""01962 001234""#),
        JSONataCase("$count(Phone)", "4"),
        JSONataCase("$.Age", "28"),
        JSONataCase("$$.Surname", #""Smith""#),
    ])
    func addressExamples(_ c: JSONataCase) {
        expectJSONata(c, JSONataSamples.address)
    }

    @Test("an order invoice sums, groups and filters", arguments: [
        JSONataCase("$sum(Account.Order.Product.(Price * Quantity))", "336.36"),
        JSONataCase("Account.Order[0].OrderID", #""order103""#),
        JSONataCase("Account.Order.OrderID", #"["order103", "order104"]"#),
        JSONataCase("Account.Order.Product.Price", "[34.45, 21.67, 34.45, 107.99]"),
        JSONataCase("Account.Order.Product[0].Price", "[34.45, 34.45]"),
        JSONataCase("(Account.Order.Product)[0].Price", "34.45"),
        JSONataCase("Account.Order.Product^(>Price).Price", "[107.99, 34.45, 34.45, 21.67]"),
        JSONataCase("Account.Order.Product[Price > 30].`Product Name`", #"["Bowler Hat", "Bowler Hat", "Cloak"]"#),
        JSONataCase("Account.Order.Product{`Product Name`: $sum(Quantity)}", #"{"Bowler Hat": 6, "Trilby hat": 1, "Cloak": 1}"#),
        JSONataCase("Account.Order.Product{`Product Name`: Price}", #"{"Bowler Hat": [34.45, 34.45], "Trilby hat": 21.67, "Cloak": 107.99}"#),
        JSONataCase("Account.Order.{'id': OrderID, 'total': $count(Product)}", #"[{"id": "order103", "total": 2}, {"id": "order104", "total": 2}]"#),
        JSONataCase("Account.Order[OrderID='order104'].Product.SKU", #"["040657863", "0406654603"]"#),
        JSONataCase("$distinct(Account.Order.Product.`Product Name`)", #"["Bowler Hat", "Trilby hat", "Cloak"]"#),
        JSONataCase("Account.`Account Name` & ': ' & $string($count(Account.Order))", #""Firefly: 2""#),
    ])
    func invoiceExamples(_ c: JSONataCase) {
        expectJSONata(c, JSONataSamples.invoice)
    }

    @Test("an array input is one value to a path, and `$` indexes into it", arguments: [
        JSONataCase("$[0]", #"{"ref": [1, 2]}"#),
        JSONataCase("$[0].ref", "[1, 2]"),
        JSONataCase("$[0].ref[0]", "1"),
        JSONataCase("$.ref", "[1, 2, 3, 4]"),
        JSONataCase("ref", "[1, 2, 3, 4]"),
        JSONataCase("$", #"[{"ref": [1, 2]}, {"ref": [3, 4]}]"#),
    ])
    func arrayInput(_ c: JSONataCase) {
        expectJSONata(c, json(#"[{"ref": [1, 2]}, {"ref": [3, 4]}]"#))
    }

    @Test("bindings such as $states are variables")
    func bindings() throws {
        let states = json(#"{"input": {"items": [1, 2, 3], "name": "x"}, "context": {"Execution": {"Id": "e1"}}}"#)
        #expect(try evaluateJSONata("$states.input.items[1]", nil, bindings: ["states": states]) == 2)
        #expect(try evaluateJSONata("$sum($states.input.items)", nil, bindings: ["states": states]) == 6)
        #expect(try evaluateJSONata("$states.context.Execution.Id", nil, bindings: ["states": states]) == "e1")
        #expect(try evaluateJSONata("$states.input.missing", nil, bindings: ["states": states]) == nil)
    }

    @Test("integral results come out as JSON integers, others as doubles")
    func numbers() throws {
        #expect(try evaluateJSONata("1.0 + 1") == .number(.int(2)))
        #expect(try evaluateJSONata("10 / 4") == .number(.double(2.5)))
        #expect(try evaluateJSONata("[1, 2.5]") == .array([.number(.int(1)), .number(.double(2.5))]))
    }

    @Test("focus (@) and index (#) bindings carry variables along a path", arguments: [
        JSONataCase("items#$i.{'v': $, 'i': $i}", #"[{"v": "a", "i": 0}, {"v": "b", "i": 1}, {"v": "c", "i": 2}]"#),
        JSONataCase("items#$i[$i > 0]", #"["b", "c"]"#),
        JSONataCase("items[$ != 'a']#$i.{'v': $, 'i': $i}", #"[{"v": "b", "i": 0}, {"v": "c", "i": 1}]"#),
        JSONataCase("people@$p.depts[id = $p.dept].{'name': $p.name, 'dept': title}", #"[{"name": "A", "dept": "X"}, {"name": "B", "dept": "Y"}]"#),
        JSONataCase("people@$p.depts[id = $p.dept]{title: $p.name}", #"{"X": "A", "Y": "B"}"#),
    ])
    func tupleBindings(_ c: JSONataCase) {
        expectJSONata(c, json(#"{"items": ["a", "b", "c"], "people": [{"name": "A", "dept": 1}, {"name": "B", "dept": 2}], "depts": [{"id": 1, "title": "X"}, {"id": 2, "title": "Y"}]}"#))
    }
}
