import { describe, expect, it } from 'vitest';
import { profileFromDatabaseUrl } from '../../../src-main/database-url';

describe('a profile from --database-url', () => {
  it('takes user, password, host, port, database and sslmode', () => {
    expect(
      profileFromDatabaseUrl(
        'postgres://radius:s%40cret@db.example:6432/radius?sslmode=require',
        undefined,
        'env',
      ),
    ).toEqual({
      ok: true,
      draft: {
        id: null,
        name: 'radius@db.example:6432/radius',
        host: 'db.example',
        port: 6432,
        database: 'radius',
        user: 'radius',
        sslMode: 'require',
        primaryHost: null,
        primaryPort: null,
        password: 's@cret',
      },
    });
  });

  it('defaults to port 5432 and sslmode prefer, takes PGPASSWORD, and a given name', () => {
    const reading = profileFromDatabaseUrl('postgresql://noc@[::1]/radius', 'Core', 'from-env');
    expect(reading).toMatchObject({
      ok: true,
      draft: { name: 'Core', host: '::1', port: 5432, sslMode: 'prefer', password: 'from-env' },
    });
  });

  it('leaves the password to the stored profile when neither the URL nor PGPASSWORD has one', () => {
    expect(profileFromDatabaseUrl('postgres://noc@db/radius', undefined, undefined)).toMatchObject({
      ok: true,
      draft: { password: null },
    });
  });

  it.each([
    ['not a url', /is not a URL/],
    ['mysql://u@h/db', /must start with postgres:\/\//],
    ['postgres://db.example/radius', /needs a user and a database/],
    ['postgres://u@db.example', /needs a user and a database/],
    ['postgres://u:%E0%A4%A@db/radius', /needs a user and a database/],
    ['postgres://u@db/radius?sslmode=verify-ca', /sslmode=verify-ca is not one Session Desk knows/],
    ['postgres://u@db:0/radius', /Port must be between 1 and 65535/],
  ])('refuses %s', (url, message) => {
    const reading = profileFromDatabaseUrl(url, undefined, undefined);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toMatch(message);
  });
});
