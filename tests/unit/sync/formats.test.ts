import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IncidentPost } from '../../../electron/core/connectors/incident';
import { CallCard } from '../../../electron/core/connectors/line112';
import { PosMessage } from '../../../electron/core/connectors/pos';
import { Indicator } from '../../../electron/core/connectors/services';
import { ROOT } from '../helpers';

describe('documented formats', () => {
  it.each([
    ['pos', PosMessage],
    ['incident', IncidentPost],
    ['line112', CallCard],
    ['services', Indicator],
  ] as const)('docs/formats/%s.schema.json matches the validator', (name, schema) => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'docs', 'formats', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
    const { $id: _id, title: _t, description: _d, ...rest } = doc;
    expect(rest).toEqual(z.toJSONSchema(schema, { target: 'draft-2020-12' }));
  });
});
