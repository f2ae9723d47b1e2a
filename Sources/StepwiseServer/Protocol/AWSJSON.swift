import Foundation
import HTTPTypes
import Hummingbird

/// AWS's JSON 1.0 protocol: bodies are JSON objects, timestamps epoch seconds
/// (fractional), member names exactly as the model spells them.
enum AWSJSON {
    static let contentType = "application/x-amz-json-1.0"

    /// Decodes a request shape. An empty body is `{}` (SDKs send no body for operations
    /// without members); anything that is not a JSON object of the right member types is
    /// AWS's `SerializationException`.
    static func decode<Shape: Decodable>(_ type: Shape.Type, from body: ByteBuffer) throws(StepFunctionsError) -> Shape {
        var data = Data(buffer: body)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { data = Data("{}".utf8) }
        do {
            return try JSONDecoder().decode(Shape.self, from: data)
        } catch let DecodingError.typeMismatch(expected, context) {
            throw StepFunctionsError(.serialization, "Expected \(typeName(expected)) at '\(path(context))'.")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw StepFunctionsError(.serialization, "Invalid value at '\(path(context))'.")
        } catch {
            throw StepFunctionsError(.serialization, "The request body is not a valid JSON object.")
        }
    }

    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return ByteBuffer(data: try encoder.encode(value))
    }

    /// A successful response carrying the encoded output shape.
    static func response(_ value: some Encodable) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: try encode(value)))
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        default: "a \(type)"
        }
    }
}

/// An output shape without members: AWS answers `{}`.
struct EmptyOutput: Encodable, Sendable {}
