import Foundation
import StatesLanguage
import Testing
@testable import StepwiseServices

@Suite struct FunctionNodeTests {
    @Test("an async .mjs handler is invoked, its console output logged Lambda-style")
    func esmAsync() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("index.mjs", """
                export const handler = async (event, context) => {
                  console.log('hello', event.n);
                  return { doubled: event.n * 2, name: context.functionName };
                };
                """)
            try await fixture.create("node", runtime: "nodejs20.x", handler: "index.handler")
            let (payload, result) = try await fixture.invoke("node", ["n": 21])
            #expect(result.functionError == nil)
            #expect(payload == ["doubled": 42, "name": "node"])
            let messages = try await fixture.logMessages("node")
            #expect(messages.contains { $0.hasSuffix("\t\(result.requestId)\tINFO\thello 21") })
        }
    }

    @Test("callback handlers in .cjs and thrown errors are reported as Lambda's Node.js runtime does")
    func callbackAndError() async throws {
        try await FunctionFixture.with { fixture in
            try fixture.write("cb.cjs", """
                exports.handler = (event, context, callback) => {
                  if (event.fail) { callback(new TypeError('bad input')); return; }
                  setTimeout(() => callback(null, { ok: true }), 1);
                };
                """)
            try await fixture.create("cb", runtime: "nodejs22.x", handler: "cb.handler")
            let (payload, _) = try await fixture.invoke("cb")
            #expect(payload == ["ok": true])
            let (failure, result) = try await fixture.invoke("cb", ["fail": true])
            #expect(result.functionError == "Unhandled")
            #expect(failure["errorType"] == "TypeError")
            #expect(failure["errorMessage"] == "bad input")
        }
    }

    @Test("@aws-sdk imports resolve from the configured node_modules folder, in ES modules and CommonJS")
    func sdkResolution() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-modules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let modules = root.appendingPathComponent("node_modules")
        let package = modules.appendingPathComponent("@aws-sdk/client-fake")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try #"{"name":"@aws-sdk/client-fake","version":"1.0.0","main":"index.js"}"#.write(to: package.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
        try "exports.hello = () => 'from the sdk';\n".write(to: package.appendingPathComponent("index.js"), atomically: true, encoding: .utf8)
        try await FunctionFixture.with(nodeModules: [modules.path]) { fixture in
            try fixture.write("esm.mjs", "import { hello } from '@aws-sdk/client-fake';\nexport const handler = async () => hello();\n")
            try fixture.write("cjs.js", "const { hello } = require('@aws-sdk/client-fake');\nexports.handler = async () => hello();\n")
            try await fixture.create("esm", runtime: "nodejs20.x", handler: "esm.handler")
            try await fixture.create("cjs", runtime: "nodejs20.x", handler: "cjs.handler")
            #expect(try await fixture.invoke("esm").0 == "from the sdk")
            #expect(try await fixture.invoke("cjs").0 == "from the sdk")
        }
    }

    @Test("a missing @aws-sdk package is named, with where it was looked for and how to install it")
    func missingSDK() async throws {
        try await FunctionFixture.with(nodeModules: ["/nonexistent/node_modules"]) { fixture in
            try fixture.write("index.mjs", "import { SFNClient } from '@aws-sdk/client-sfn';\nexport const handler = async () => 1;\n")
            try await fixture.create("nosdk", runtime: "nodejs20.x", handler: "index.handler")
            let (payload, result) = try await fixture.invoke("nosdk")
            #expect(result.functionError == "Unhandled")
            #expect(payload["errorType"] == "Runtime.ImportModuleError")
            let message = payload["errorMessage"]?.stringValue ?? ""
            #expect(message.contains("'@aws-sdk/client-sfn'"))
            #expect(message.contains("/nonexistent/node_modules"))
            #expect(message.contains("STEPWISE_NODE_MODULES"))
            #expect(message.contains("npm install -g @aws-sdk/client-sfn"))
        }
    }
}
