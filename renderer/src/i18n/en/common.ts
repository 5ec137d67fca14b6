export default {
  loading: 'Loading…',
  error: 'Error: {{message}}',
  offline: 'No connection to the core — data as of {{time}}',
  appeals_one: '{{count}} appeal',
  appeals_other: '{{count}} appeals',
  status: {
    new: 'New',
    assigned: 'Assigned',
    in_progress: 'In progress',
    answered: 'Answered',
    closed: 'Closed',
    rejected: 'Rejected',
    reopened: 'Reopened',
  },
  sourceState: { unknown: 'no data', ok: 'working', degraded: 'degraded', down: 'down' },
};
