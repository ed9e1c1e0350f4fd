import { approvalsPush } from '@zhongshu/adapters';
import { pushEndpointDoc } from '../urban/push-openapi';

export const approvalsIngestOpenApi = {
  '/api/v1/ingest/approvals': pushEndpointDoc({
    summary: '一网通办 push: case lifecycle, hall queue and window states, 好差评 ratings',
    description:
      'Items are told apart by `kind`: `case` (id `approval:{caseNo}:{stage}`), `queue` (id `hall:{hallId}:{action}:{ticketNo|windowNo}:{at}`), `evaluation` (id `evaluation:{hallId}:{caseNo|windowNo}:{at}`).',
    item: approvalsPush,
    example: {
      kind: 'case',
      caseNo: 'SP202611210001',
      itemName: '食品经营许可（新办）',
      department: '区市场监管局',
      stage: '受理',
      statutoryDays: 20,
      committedDays: 5,
      onlineAvailable: true,
      applicantType: '企业',
      at: '2026-11-21 09:40:12',
    },
  }),
};
