import path from 'node:path';
import { buildIfStale } from '../../app/cli/build-if-stale';

// The scale test's production build, made before the test workers start (a synchronous
// build inside a worker would block it for minutes).
export function scaleBuildDir(): string {
  return path.resolve(process.env.SCALE_BUILD_DIR || '.cache/test-build');
}

export default function setup() {
  if (!buildIfStale(scaleBuildDir(), (m) => console.log(`scale test: ${m}`))) throw new Error('The app did not build: see the messages above.');
}
