/// SAM and CloudFormation templates turned into local resources.
public enum StepwiseDeploy {}
