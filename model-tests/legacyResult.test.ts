import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('legacyResult');
