/// SAM and CloudFormation templates turned into local resources.
///
/// The target is a pure planning layer: ``Template`` parses YAML or JSON templates,
/// ``DeploymentPlanner`` evaluates parameters, conditions, mappings, Globals and intrinsic
/// functions and turns the resources into a ``DeploymentPlan`` — an ordered list of typed
/// entries (queues, topics, subscriptions, functions, event source mappings, state machines,
/// activities) that the `stepwise deploy` client applies to a running server. What a resource's
/// `Ref` and `Fn::GetAtt` return is supplied by a ``ResourceResolver``.
public enum StepwiseDeploy {}
