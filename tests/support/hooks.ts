// Root hooks: say once which Node runs the suite, so CI logs show it is Node 24.
export const mochaHooks = {
  beforeAll(): void {
    console.log(`node ${process.version} (${process.execPath})`);
  },
};
