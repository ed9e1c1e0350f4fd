import { urbanCasePush } from '@zhongshu/adapters';
import { pushEndpointDoc } from './push-openapi';

export const urbanIngestOpenApi = {
  '/api/v1/ingest/urban': pushEndpointDoc({
    summary: '数字城管 push: case updates through the 7-stage flow',
    description:
      'One message per stage change (collect → register → dispatch → dispose → feedback → verify → close). Event id `urban:{caseNo}:{stage}` (`:{round}` from the second entry of a stage).',
    item: urbanCasePush,
    example: {
      caseNo: 'CG202611210001',
      classType: '部件',
      classCode: '0103',
      className: '雨水井盖',
      gridCode: '460105001001',
      reporterType: 'video_ai',
      stage: 'register',
      description: '视频AI识别：海秀西路88号附近雨水井盖缺失，存在安全隐患。',
      address: '海口市秀英区海秀西路88号',
      lng: 110.2883,
      lat: 20.0197,
      crs: 'WGS84',
      occurredAt: '2026-11-21 09:12:40',
      stageAt: '2026-11-21 09:20:05',
    },
  }),
};
