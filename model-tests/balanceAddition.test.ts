import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('balanceAddition');
