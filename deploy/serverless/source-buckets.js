'use strict';

// s3:// sources (functions/source-s3): the buckets named by --param="sourceBuckets=a,b" (custom.sourceBuckets.names)
// are the only ones the functions may read. For each function listed in custom.sourceBuckets.readers, with the S3
// actions its code calls, this adds to the function's own role one policy, `s3-sources`, whose statements name
// those buckets and no other (s3:GetObject on arn:aws:s3:::<bucket>/*, s3:ListBucket on arn:aws:s3:::<bucket>), and
// sets CUMULUS_SOURCES_S3_ALLOWED_BUCKETS to the same list, so the functions refuse every other bucket before asking
// S3. Without buckets it adds nothing: s3:// sources are refused. A Serverless variable cannot turn a list into
// statements, hence this plugin; deploy/serverless/check.sh checks what it generates.
const BUCKET = /^(?!xn--|sthree-)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RESOURCES = {
  's3:GetObject': (bucket) => `arn:aws:s3:::${bucket}/*`,
  's3:ListBucket': (bucket) => `arn:aws:s3:::${bucket}`,
};

class SourceBuckets {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'after:package:compileEvents': () => this.grant(),
    };
  }

  fail(message) {
    throw new this.serverless.classes.Error(`source-buckets: ${message}`);
  }

  grant() {
    const config = (this.serverless.service.custom || {}).sourceBuckets || {};
    const names = String(config.names || '').split(',').map((b) => b.trim()).filter((b) => b.length > 0);
    const bad = names.filter((b) => !BUCKET.test(b));
    if (bad.length > 0) this.fail(`not S3 bucket names: ${bad.join(', ')}`);
    if (new Set(names).size !== names.length) this.fail(`a bucket named twice: ${names.join(',')}`);
    if (names.length === 0) return;
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    // the roles are resources of serverless.yml, merged into the template only when packaging ends
    const own = (this.serverless.service.resources || {}).Resources || {};
    const naming = this.serverless.getProvider('aws').naming;
    for (const [name, actions] of Object.entries(config.readers || {})) {
      const fn = this.serverless.service.getFunction(name);
      const role = own[fn.role] || resources[fn.role];
      if (!role) this.fail(`${name} has no role of its own in the template (${fn.role})`);
      const statements = actions.map((action) => {
        if (!RESOURCES[action]) this.fail(`no resources known for ${action}`);
        return { Effect: 'Allow', Action: action, Resource: names.map(RESOURCES[action]) };
      });
      role.Properties.Policies.push({
        PolicyName: 's3-sources',
        PolicyDocument: { Version: '2012-10-17', Statement: statements },
      });
      const lambda = resources[naming.getLambdaLogicalId(name)].Properties;
      lambda.Environment = lambda.Environment || { Variables: {} };
      lambda.Environment.Variables.CUMULUS_SOURCES_S3_ALLOWED_BUCKETS = names.join(',');
    }
  }
}

module.exports = SourceBuckets;
