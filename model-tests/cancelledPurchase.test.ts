import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('cancelledPurchase');
