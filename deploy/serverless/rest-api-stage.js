'use strict';

// Serverless v3 creates the REST API's stage implicitly, through the StageName of its AWS::ApiGateway::Deployment,
// and has no setting for a stage's throttling (a usage plan's throttle applies to API keys only, and the API has
// none). So after the events are compiled, this takes the stage out of the deployment and puts it into the template
// as an AWS::ApiGateway::Stage of its own, whose method settings throttle every route together with
// custom.apiThrottling (rateLimit: requests per second; burstLimit: requests above that rate at once). The settings
// are then part of the CloudFormation template, which deploy/serverless/check.sh checks offline.
//
// A stage that an earlier deployment of the stack created the implicit way cannot be taken over: delete it once
// (aws apigateway delete-stage) before the first deployment with this plugin.
const STAGE_ID = 'ApiGatewayStage';

class RestApiStage {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'after:package:compileEvents': () => this.addStage(),
    };
  }

  addStage() {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const deployments = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::ApiGateway::Deployment');
    if (deployments.length === 0) return; // no http events, no API
    if (deployments.length > 1) {
      throw new this.serverless.classes.Error(`rest-api-stage: expected one API deployment, found ${deployments}`);
    }
    const throttling = (this.serverless.service.custom || {}).apiThrottling || {};
    const rate = Number(throttling.rateLimit);
    const burst = Number(throttling.burstLimit);
    if (!(rate > 0) || !Number.isInteger(burst) || burst < 1) {
      const given = JSON.stringify(throttling);
      throw new this.serverless.classes.Error(
        `rest-api-stage: custom.apiThrottling needs rateLimit > 0 and a whole burstLimit >= 1, not ${given}`
      );
    }
    const deployment = resources[deployments[0]].Properties;
    const stageName = deployment.StageName;
    delete deployment.StageName;
    resources[STAGE_ID] = {
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        RestApiId: deployment.RestApiId,
        DeploymentId: { Ref: deployments[0] },
        StageName: stageName,
        MethodSettings: [
          { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst },
        ],
      },
    };
  }
}

module.exports = RestApiStage;
