import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('delayedProfile');
