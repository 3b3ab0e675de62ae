import { describeGeneratedPaths } from './pathSuite';

describeGeneratedPaths('inlineDownload');
