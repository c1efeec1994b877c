// The solution spread over several files of this folder, re-exported here.

export { linearForward, linearBackward } from './layers';
export { svmLoss } from './loss';
export { train } from './train';
