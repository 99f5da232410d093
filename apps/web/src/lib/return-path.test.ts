// The sign-in page's way back: the page asked for with its quarter, never an address elsewhere.
import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInAddress } from './return-path.ts';

describe('the way back after signing in', () => {
  it('keeps a page of this app with its search and fragment', () => {
    expect(safeReturnPath('/dashboard/533423?period=2024Q4')).toBe('/dashboard/533423?period=2024Q4');
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/plans#weixi')).toBe('/plans#weixi');
  });

  it('refuses addresses that leave the app, as a browser would resolve them', () => {
    for (const next of [
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example/',
      '/\n/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '',
    ]) {
      expect(safeReturnPath(next), JSON.stringify(next)).toBe('/');
    }
    expect(safeReturnPath(null)).toBe('/');
  });

  it('does not send a person back to the sign-in page itself', () => {
    expect(safeReturnPath('/login?next=/audit')).toBe('/');
  });

  it('writes the page asked for into the sign-in address', () => {
    expect(signInAddress('/dashboard/533423?period=2024Q4')).toEqual({
      pathname: '/login',
      search: '?next=%2Fdashboard%2F533423%3Fperiod%3D2024Q4',
    });
    expect(signInAddress('//evil.example/')).toEqual({ pathname: '/login', search: '?next=%2F' });
  });
});
