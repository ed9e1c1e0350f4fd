/**
 * 一网通办 items a district hall handles every day. Days are working days: 法定时限 from the law,
 * 承诺时限 what the district promises (0 = 即办件, done on the spot). Values are typical, not a
 * particular district's published list.
 */
export interface ApprovalItem {
  itemName: string;
  department: string;
  statutoryDays: number;
  committedDays: number;
  onlineAvailable: boolean;
  /** Share of applicants that are enterprises (the rest are persons). */
  enterpriseShare: number;
  weight: number;
}

export const APPROVAL_ITEMS: readonly ApprovalItem[] = [
  item('个体工商户设立登记', '区市场监管局', 15, 0, true, 0, 8),
  item('食品经营许可（新办）', '区市场监管局', 20, 5, true, 0.7, 6),
  item('食品经营许可（变更）', '区市场监管局', 20, 3, true, 0.7, 3),
  item('企业设立登记', '区市场监管局', 15, 1, true, 1, 5),
  item('企业变更登记', '区市场监管局', 15, 1, true, 1, 4),
  item('建设工程规划许可', '区自然资源和规划局', 20, 10, true, 1, 1),
  item('建筑工程施工许可', '区住建局', 15, 5, true, 1, 1),
  item('商品房预售许可', '区住建局', 20, 10, false, 1, 0.5),
  item('城镇污水排入排水管网许可', '区水务局', 20, 7, true, 1, 0.5),
  item('公共场所卫生许可', '区卫健委', 20, 5, true, 0.8, 2),
  item('医疗机构执业登记', '区卫健委', 45, 15, false, 0.9, 0.5),
  item('放射诊疗许可', '区卫健委', 20, 10, false, 1, 0.3),
  item('民办学校设立审批', '区教育局', 90, 30, false, 1, 0.2),
  item('社会保障卡申领', '区人社局', 0, 0, true, 0, 6),
  item('失业保险金申领', '区人社局', 20, 3, true, 0, 3),
  item('职工基本养老保险关系转移', '区人社局', 45, 15, true, 0, 2),
  item('城乡居民医保参保登记', '区医保局', 0, 0, true, 0, 4),
  item('最低生活保障审核确认', '区民政局', 30, 20, false, 0, 1),
  item('户口迁入（购房落户）', '区公安分局', 10, 3, false, 0, 2),
  item('烟花爆竹经营（零售）许可', '区应急管理局', 20, 10, false, 1, 0.3),
  item('娱乐场所经营许可', '区旅文局', 20, 10, true, 1, 0.3),
  item('燃气经营许可', '区住建局', 20, 15, false, 1, 0.2),
];

function item(
  itemName: string,
  department: string,
  statutoryDays: number,
  committedDays: number,
  onlineAvailable: boolean,
  enterpriseShare: number,
  weight: number,
): ApprovalItem {
  return { itemName, department, statutoryDays, committedDays, onlineAvailable, enterpriseShare, weight };
}
