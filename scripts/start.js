#!/usr/bin/env node
// `npm start` — until the HTTP API lands (issue 4), there is no server to start. This prints what
// exists so far instead of pretending: the pure workflow domain in libs/domain, exercised by `npm test`.
console.log(
  [
    'xingji-link (行纪衔接 case-transfer workflow engine)',
    '',
    'Status: the workflow domain (clue, referral, rectification item, escalation overlay, the',
    'seven-situations rulebook and the business calendar) is built and tested as pure deciders.',
    'The HTTP API, the event stores and the read models arrive with the following issues;',
    'until then `npm start` has no server to start and only prints this message.',
    '',
    'Run the tests:  npm test',
  ].join('\n'),
);
