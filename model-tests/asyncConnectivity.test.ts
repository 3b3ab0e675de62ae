import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('asyncConnectivity');
