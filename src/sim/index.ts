export * from './device/index';
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator';
export { formatNotice, CONSOLE_PREFIX, type SimulatorConsole } from './simulatorConsole';
