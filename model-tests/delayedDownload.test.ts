import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('delayedDownload');
