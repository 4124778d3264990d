import { expect } from '@open-wc/testing';
import { dateTimeFormat } from '../../src/internal/intl-cache.js';

describe('dateTimeFormat (formatters made once)', () => {
  it('gives the same formatter for the same locale and options, and another for others', () => {
    const time = dateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    expect(dateTimeFormat('en', { hour: 'numeric', minute: '2-digit' })).to.equal(time);
    expect(dateTimeFormat('ja', { hour: 'numeric', minute: '2-digit' })).not.to.equal(time);
    expect(dateTimeFormat('en', { hour: 'numeric' })).not.to.equal(time);
    expect(time.format(Date.UTC(2030, 0, 15, 14, 5))).to.equal(
      new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2030, 0, 15, 14, 5)),
    );
  });

  it('makes a new formatter once the browser is in another zone, unless the options name one', () => {
    const local = dateTimeFormat('en', { timeZoneName: 'long' });
    const tokyo = dateTimeFormat('en', { timeZone: 'Asia/Tokyo', timeZoneName: 'long' });
    // How the browser shows a zone change to `Date` (a formatter keeps the zone it was made in).
    const toString = Object.getOwnPropertyDescriptor(Date.prototype, 'toString')!;
    Date.prototype.toString = function () {
      return `${toString.value.call(this)} (elsewhere)`;
    };
    try {
      expect(dateTimeFormat('en', { timeZoneName: 'long' })).not.to.equal(local);
      expect(dateTimeFormat('en', { timeZone: 'Asia/Tokyo', timeZoneName: 'long' })).to.equal(tokyo);
    } finally {
      Object.defineProperty(Date.prototype, 'toString', toString);
    }
    expect(dateTimeFormat('en', { timeZoneName: 'long' })).to.equal(local);
  });
});
