import type ru from '../ru/operator';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof ru> = {
  title: 'Appeals',
  login: { title: 'Operator workstation sign-in', login: 'Login', password: 'Password', submit: 'Sign in', failed: 'Wrong login or password', logout: 'Sign out' },
  roles: { operator: 'operator', supervisor: 'supervisor', viewer: 'viewer' },
  readOnly: 'Read only',
  views: { title: 'Views', all: 'All appeals', open: 'Open', new: 'New', overdue: 'Overdue', due2h: 'Due within 2 h', escalated: "Governor's control" },
  saved: { title: 'Saved filters', save: 'Save filter', name: 'Filter name', empty: 'No saved filters yet', remove: 'Delete filter “{{name}}”' },
  filter: {
    search: 'Search text and address ( / )', source: 'Source', sector: 'Sector', category: 'Category', municipality: 'Municipality', status: 'Status',
    agency: 'Responsible body', any: 'any', escalated: 'Escalated', overdue: 'Overdue', dueWithin: 'Due within, h', from: 'From', to: 'To', sort: 'Sort',
    sortReceived: 'by time', sortDeadline: 'by deadline', sortPriority: 'by priority', reset: 'Reset',
  },
  queue: { empty: 'No appeals match this filter', found: 'Found:', more: 'over {{count}}', noCategory: 'Unclassified', overdue: 'overdue', dueIn: 'due in {{time}}', overdueBy: 'overdue by {{time}}' },
  card: {
    empty: 'Select an appeal in the list (↑/↓, Enter)', source: 'Source', channel: 'Channel', externalId: 'Source number', sourceUrl: 'Link at the source', noSourceUrl: 'the source gave no link', received: 'Received', category: 'Category',
    municipality: 'Municipality', address: 'Address', agency: 'Responsible body', deadline: 'Deadline', noDeadline: 'not set', author: 'Author',
    authorHidden: 'Personal data is hidden for your role', noAuthor: 'not given', timeline: 'History', attachments: 'Attachments', noAttachments: 'No attachments',
    copyLink: 'Copy link', linkCopied: 'Link copied', linkSelected: 'Link selected: press Ctrl+C', delivered: { answer: 'the answer', status: 'status' },
    duplicates: 'Possible duplicates (same category, within 300 m, ±3 days)', noDuplicates: 'No similar appeals found', duplicateOf: 'Duplicate of #{{id}}',
    hasDuplicates: 'Duplicates: {{ids}}', map: 'Location', noLocation: 'No coordinates', escalated: "Under the governor's control", version: 'version {{version}}', openSource: 'Open in source',
  },
  events: {
    received: 'Received', 'source-update': 'Updated by the source', assigned: 'Assigned', answered: 'Answered', status: 'Status changed', categorized: 'Category changed',
    escalated: "Put under the governor's control", deescalated: "Taken off the governor's control", duplicate: 'Marked as a duplicate', 'duplicate-linked': 'Duplicate linked',
    'writeback-delivered': 'Delivered to the source',
  },
  actions: {
    assign: 'Assign (A)', assignTo: 'Responsible body', suggested: 'Suggested',
    reason: { rule: 'routing rule', category: 'by category', municipality: 'by municipality', sector: 'sector agency' },
    status: 'Status (S)',
    to: { assigned: 'Assign', in_progress: 'Take into work', answered: 'Mark answered', closed: 'Close', rejected: 'Reject', reopened: 'Reopen', new: 'Back to new' },
    answer: 'Answer (R)', answerText: 'Answer to the resident', template: 'Template', send: 'Send answer', writeBack: 'The answer goes back to the source',
    noWriteBack: 'This source takes no answers: the answer is kept in the ЦУР', category: 'Category', escalate: "Governor's control (E)", deescalate: 'Remove control (E)',
    duplicate: 'Mark duplicate (D)', duplicateOf: 'Original number', markDuplicate: 'It is a duplicate', wall: 'Put on the wall (W)', wallSent: 'Shown on the wall',
    cancel: 'Cancel', save: 'Save', done: 'Done',
    conflict: 'Someone else ({{actor}}) has changed this appeal. It is now “{{status}}” (version {{version}}). Check and repeat the action.',
    failed: 'Failed: {{message}}', forbidden: 'You may not do this',
  },
  help: {
    title: 'Keys', close: 'Close (Esc)',
    keys: {
      move: '↑ / ↓ or J / K — move', open: 'Enter — open the card', search: '/ — search', assign: 'A — assign', status: 'S — change status', answer: 'R — answer',
      escalate: "E — governor's control", duplicate: 'D — mark duplicate', wall: 'W — put on the wall', views: '1–6 — views', help: '? — this help', escape: 'Esc — close a dialog',
    },
  },
  tabs: { queue: 'Queue', analytics: 'Analytics', sources: 'Sources', routing: 'Routing' },
  routing: { title: 'Routing rules', category: 'Category', municipality: 'Municipality', agency: 'Responsible body', any: 'any', add: 'Add rule', remove: 'Delete', onlySupervisor: 'Only a supervisor may change the rules' },
  notify: { acute: 'Acute appeal: {{category}}', permission: 'Enable notifications' },
  live: 'New appeals: {{count}}',
};

export default en;
