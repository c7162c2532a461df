'use strict';

// Serverless v3 stores a function's own `package.artifact` in the deployment bucket under the file's base name
// (serverless/<service>/<stage>/<time>/function.zip), so four artifacts that are all called function.zip would
// overwrite one another and every function would get the code of the last one uploaded. Before the functions are
// compiled, this copies each artifact into the package directory as <function>.zip and points the function there.
const fs = require('fs');
const path = require('path');

class UniqueArtifactNames {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'after:package:createDeploymentArtifacts': () => this.copyArtifacts(),
    };
  }

  copyArtifacts() {
    const service = this.serverless.service;
    const serviceDir = this.serverless.serviceDir;
    // Serverless builds the package in .serverless and moves it to --package (or package.path) afterwards, and
    // `deploy --package` moves it back first, so the copies belong in .serverless
    const packageDir = path.join(serviceDir, '.serverless');
    fs.mkdirSync(packageDir, { recursive: true });
    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      const artifact = fn.package && fn.package.artifact;
      if (!artifact || artifact.startsWith('s3://')) continue;
      const target = path.join(packageDir, `${name}.zip`);
      const source = path.resolve(serviceDir, artifact);
      if (source !== target) fs.copyFileSync(source, target);
      fn.package.artifact = target;
    }
  }
}

module.exports = UniqueArtifactNames;
