// TagResource, UntagResource, ListTagsForResource.

struct TagResourceInput: ValidatedRequest {
    var resourceArn: String?
    var tags: [Tag]?

    func validate(_ v: inout FieldValidator) {
        v.arn("resourceArn", resourceArn)
        v.tags("tags", tags, required: true)
    }
}

struct UntagResourceInput: ValidatedRequest {
    var resourceArn: String?
    var tagKeys: [String]?

    func validate(_ v: inout FieldValidator) {
        v.arn("resourceArn", resourceArn)
        v.required("tagKeys", tagKeys)
        for (index, key) in (tagKeys ?? []).enumerated() {
            v.length("tagKeys.\(index + 1).member", key, min: 1, max: 128)
        }
    }
}

struct ListTagsForResourceInput: ValidatedRequest {
    var resourceArn: String?
    func validate(_ v: inout FieldValidator) { v.arn("resourceArn", resourceArn) }
}

struct ListTagsForResourceOutput: Encodable {
    var tags: [Tag]
}
