import { describe, expect, it } from 'vitest';
import * as core from '../index';
import * as descriptions from './index';

describe('the descriptions entry point', () => {
  it('exports the activation error descriptions', () => {
    expect(descriptions.ACTIVATION_ERROR_DESCRIPTIONS.invalidIccid.portalAction).toContain('ICCID');
  });

  it('keeps them out of the core entry point, so that hosts do not ship them', () => {
    expect(core).not.toHaveProperty('ACTIVATION_ERROR_DESCRIPTIONS');
  });
});
