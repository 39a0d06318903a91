// Lintel's first web console: sign in with a staff account (session cookie; changes carry the CSRF token), the community's buildings with device status, each
// building's devices with live values, and the open alarms with acknowledge and reset. Plain JavaScript on the
// hub's REST API (/api/v1), refreshed every 5 seconds; Chinese and English.
(function () {
  'use strict';

  const TEXT = {
    'zh-CN': {
      title: '智慧物业控制台', login: '登录', loginHelp: '请输入账号和密码（首个管理员账号为 admin，初始密码见 data/hub/admin-password）。',
      username: '账号', password: '密码', signIn: '登录', logout: '退出', wrongPassword: '账号或密码不正确。', unreachable: '无法连接集线器：',
      locked: '密码错误次数过多，账号已锁定至 ', sessionEnded: '会话已过期，请重新登录。', signedOut: '已退出。',
      choosePassword: '设置新密码', choosePasswordHelp: '管理员为您重置了密码，请先设置您自己的新密码（至少 10 个字符）。',
      currentPassword: '当前密码', newPassword: '新密码', repeatPassword: '再次输入新密码', savePassword: '保存', passwordsDiffer: '两次输入的新密码不一致。',
      admin: '管理', accounts: '人员账号', displayName: '姓名', role: '角色', sites: '小区', allSites: '全部小区', newAccount: '新建账号',
      firstPassword: '初始密码（首次登录时须修改）', create: '创建', tokens: '接口令牌', name: '名称', expires: '到期', lastUsed: '最近使用',
      newToken: '新建令牌', validFor: '有效天数', revoke: '吊销', revoked: '已吊销', expired: '已过期', active: '有效', lockedUntil: '锁定至 ',
      disabled: '已停用', mustChange: '待改密码', disable: '停用', enable: '启用', resetPassword: '重置密码', tempPassword: '临时密码',
      audit: '审计记录', exportCsv: '导出 CSV（Excel 可打开）', who: '操作人', action: '操作', subject: '对象', never: '从未',
      secretOnce: '令牌只显示这一次，请立即保存：', done: '已完成。',
      'role.admin': '管理员', 'role.engineer': '设施工程师', 'role.operator': '值班员', 'role.billing': '收费员', 'role.technician': '维修工', 'role.supervisor': '维修主管',
      'role.manager': '物业经理', 'role.read-only': '只读',
      alarms: '报警', noAlarms: '没有未处理的报警。', pickBuilding: '请选择楼栋', device: '设备', status: '状态', values: '实时数据',
      lastSeen: '最后通讯', devices: '台设备', openAlarms: '条报警', acknowledge: '确认', reset: '复位', updated: '更新于 ',
      online: '在线', offline: '离线', stale: '数据陈旧', unknown: '未知', language: 'English', lastGood: '最后有效值', noAnswer: '无应答',
      back: '返回', floor: '层', states: '状态与报警量', counters: '累计量', gauges: '测量值', point: '测点', value: '数值', quality: '质量',
      time: '时间', history: '历史', deviceAlarms: '本设备报警记录', noDeviceAlarms: '本设备没有报警记录。', last24h: '最近 24 小时', last7d: '最近 7 天', last30d: '最近 30 天', last1y: '最近一年', zoomedIn: '放大的时段', bucket: '分组',
      noHistoryIn: '这段时间没有有效数据。',
      min: '最小', max: '最大', noHistory: '最近 24 小时没有有效数据。', good: '良好', bad: '无效', uncertain: '存疑', activated: '发生',
      'active-unacknowledged': '报警未确认', 'active-acknowledged': '报警已确认', 'returned-unacknowledged': '已恢复待确认', normal: '正常',
      'life-safety': '生命安全', critical: '紧急', major: '重要', minor: '次要', warning: '提示', failed: '操作失败：',
      billing: '收费', billRuns: '账单批次', periodFrom: '账期起（含）', periodTo: '账期止（不含）', computeRun: '计算账单', period: '账期',
      state: '状态', bills: '户数', total: '合计', anomalies: '异常', computedBy: '计算人', draft: '草稿', approved: '已审核', issued: '已出账',
      recompute: '重新计算', approve: '审核通过', issue: '出账', gridBill: '供电局总表电费（转供电）', gridAmount: '电费金额（元）',
      gridReference: '账单编号或户号', save: '保存', review: '逐户核对', exportLines: '账单明细 CSV', exportXlsx: '账单明细 Excel',
      exportInvoice: '数电发票明细 Excel', exportNotices: '全部缴费通知单 PDF', notice: '缴费通知单 PDF', feeItem: '收费项目', basis: '计费依据',
      readings: '读数', quantity: '数量', unitPrice: '单价', amount: '金额', estimated: '含估算', override: '按原样出账', reason: '原因（必填，记入审计）',
      overridden: '已确认出账：', flags: '较上期变化', noAnomalies: '没有未处理的异常。', resold: '转供电收费 ', gridEntered: '，供电局账单 ',
      gridMissing: '，尚未录入供电局账单', runBy: '计算 ', approvedBy: '审核 ', issuedBy: '出账 ', payer: '缴费人', yuan: '元',
      'how.measured': '实抄', 'how.recorded': '换表记录', 'how.interpolated': '插值估算', 'how.carried-forward': '沿用上次读数',
      'how.carried-back': '沿用下次读数', 'how.provisional': '暂估', noRuns: '还没有账单批次。',
      creditNotes: '红冲与补收', creditAmount: '金额（负数为退还，正数为补收）', addCreditNote: '开具', balance: '应收余额', noCreditNotes: '无。',
      unitsXlsx: '各户本月用量 XLSX', noBaseline: '基线：前 8 周数据不足。',
      baselineText: '基线（前 8 周各星期的日均用电）：本月 {days} 日预计 {expected} kWh，实际 {actual} kWh，节约 {savings} kWh（{percent} %）。拟合 CV(RMSE) {cv} %，NMBE {nmbe} %，{verdict}。',
      withinLimits: '在 ASHRAE 14 小时数据限值（30 % / ±10 %）之内', outsideLimits: '超出 ASHRAE 14 小时数据限值（30 % / ±10 %），仅供参考', carbonMonth: '本月碳排放', carbonFactor: '{grid} {year} 年排放因子 {factor} kgCO₂/kWh',
      energyDashboard: '能耗看板', medium: '能源', electricity: '电', water: '水', scope: '范围', wholeSite: '全小区',
      today: '今日', monthToDate: '本月至今', lastMonthSamePeriod: '上月同期', change: '环比', lastYearSamePeriod: '去年同期', yearChange: '同比',
      openAlarmsFigure: '未关闭告警', urgentAlarms: '其中紧急或重要 {n} 条', collectionRate: '收缴率', collectionOf: '{period} 账单：已收 {paid} / 应收 {charged} 元', dailyUse: '每日用量：本月与上月',
      thisMonth: '本月', lastMonthSeries: '上月', png: '保存图片 PNG', dayOfMonth: '日', categoriesTitle: '分项用电（本月）',
      categoriesHelp: '按末级电表的分项统计；“公共未计量及损耗”为总表减去其下各表之和。',
      'cat.lighting-sockets': '照明插座', 'cat.hvac': '空调', 'cat.power': '动力', 'cat.special': '特殊', 'cat.uncategorised': '未分项',
      'cat.unmetered': '公共未计量及损耗', outliersTitle: '用量异常的住户（近 7 日）', perDayCol: '日均用量', usualPerDay: '以往日均', ownRatio: '较以往',
      perM2: '每平方米', peerRatio: '较同类住户', outliersHelp: '{from} 至 {to}：{units} 户中 {flagged} 户超出阈值（较以往 ≥ 1.5 倍或 ≤ 0.5 倍；每平方米用量较同类中位数 {median} ≥ 2 倍或 ≤ 0.25 倍）。点击住户查看其用量与账单。',
      'flag.aboveOwnHistory': '高于以往', 'flag.belowOwnHistory': '低于以往', 'flag.abovePeers': '高于同类', 'flag.belowPeers': '低于同类', noOutliers: '没有可比较的住户。',
      unitUseTitle: '{unit} 近 90 日每日用量', unitBills: '账单', billedCol: '应收', paidCol: '已收', nightFlowTitle: '夜间流量（疑似漏水排序）', waterMeter: '水表', serves: '用户/区域',
      minNightFlow: '夜间最小小时流量 (L)', nightVolume: '夜间用水 (L)', flowingHours: '有流量的小时', zeroHours: '24 小时内无流量小时',
      suspectedLeak: '疑似漏水', nightHelp: '夜间 {night} 00:00–05:00（站点当地时间）：{meters} 块水表中 {suspected} 块疑似漏水；按夜间最小小时流量排序，持续有流量者在前，列出前 20 块。',
      noWaterMeters: '没有水表数据。', estimatedShort: '含估算', noData: '暂无数据',
      energy: '能耗', lossesTitle: '线损（总表 − 分表之和）', month: '月份', show: '查看', csv: '导出 CSV', incomer: '总表',
      upstreamUse: '总表用量', subMeterUse: '分表用量之和', loss: '损耗', lossShare: '损耗率',
      lossesHelp: '按站点当地日历月计算，读数规则与账单相同；总表或分表缺少读数时损耗留空并列出缺数的表。',
      unreadMeters: '缺少读数：', estimatedMark: '含估算读数', noTree: '站点文件没有声明分表（meter.submeterOf）。',
      collect: '收费台', findUnit: '房号或业主姓名', open: '打开', noSuchUnit: '没有这个房号或业主：', dueOn: '到期日', owed: '欠费', lateFee: '违约金',
      takePayment: '收款', method: '方式', reference: '交易单号（现金可不填）', record: '收款并开收据', statement: '对账单', entry: '摘要',
      reminders: '催缴记录', noReminders: '没有催缴记录。', arrears: '欠费账龄', exportXlsxShort: '导出 Excel', sendReminders: '发送到期催缴',
      sent: '已发送 ', unit: '房号', band0: '未逾期', band1: '1–30 天', band2: '31–90 天', band3: '91–180 天', band4: '180 天以上',
      lastReminder: '最近催缴', owes: '尚欠 ', prepaidLeft: '预存余额 ', settled: '已结清', receiptNo: '收据号 ', receiptPdf: '打印收据',
      'pay.cash': '现金', 'pay.wechat': '微信支付', 'pay.alipay': '支付宝', 'pay.bank-transfer': '银行转账', 'pay.card': '刷卡',
      delivered: '已送达', notDelivered: '未送达', noArrears: '没有欠费。', 'entry.bill': '账单', 'entry.credit-note': '红冲/补收', 'entry.payment': '收款',
      'entry.write-off': '核销', 'entry.refund': '退款',
      contactLanguage: '语言', contact: '催缴联系方式', phone: '手机号（短信）', email: '电子邮箱', optOut: '不再接收催缴', optOutNote: '退订说明（何时、如何提出）',
      moveOut: '退房 / 过户结算', moveOutHelp: '按该时刻的表计读数出最终账单，立即出账；新住户从同一读数起计费。',
      moveOutAt: '交接时间', arrivingPayer: '新缴费人', persons: '家庭人数', settle: '结算并出最终账单', finalBill: '最终账单 ',
      handover: '打印水电表交接单', saved: '已保存。',
      woLink: '工单', woDate: '日期', woMine: '我的工单', woPool: '可抢单', woBoard: '工单看板', woCalendar: '维保计划日历（30天）', woNone: '暂无工单。',
      woGrab: '抢单', woStart: '到场开始', woHold: '暂停', woResume: '继续', woDone: '完工签字', woVerify: '验收通过', woSendBack: '退回',
      woAssign: '派单', woAssignee: '维修工账号', woLabour: '工时（分钟）', woOverdue: '已超时，时限 ', woDue: '时限 ', woBack: '返回工单列表',
      woChecklist: '检查项', woPass: '合格', woFail: '不合格', woFollowUp: '不合格时开整改工单', woSave: '保存', woPhoto: '拍照上传',
      woPhotos: '照片', woHistory: '处理记录', woOccurrences: '告警次数', woLocation: '位置', woEquipment: '设备', woDescription: '描述',
      woReporter: '报修人', woLimits: '范围', woAnswered: '已填', woNotOk: '不合格', woOk: '合格', woPlanned: '计划',
      'woState.open': '待派单', 'woState.assigned': '已派单', 'woState.in-progress': '处理中', 'woState.on-hold': '暂停', 'woState.done': '待验收',
      'woState.closed': '已关闭', 'woState.cancelled': '已取消', 'woState.missed': '已错过', 'woState.planned': '计划中',
      'woPriority.immediate': '紧急', 'woPriority.high': '高', 'woPriority.medium': '中', 'woPriority.low': '低',
      woReport: '报修登记', woReportHelp: '住户来电或到前台报修：填写位置和问题，可附照片。', woContact: '联系电话', woSubmit: '提交报修',
      woReported: '已登记为工单 #', woKpis: '维保指标（近30天，按楼栋）', woGroup: '楼栋', openWorkOrders: '未完成工单', overdueWorkOrders: '其中超时 {n} 张', woNoBuilding: '（未分楼栋）', woMtbf: 'MTBF（小时）', woMttr: 'MTTR（小时）',
      woCompliance: '计划保养按时率', woBacklog: '积压', woBreaches: '超时（到场/修复）', woFtf: '一次修复率', woXlsx: '导出 XLSX'
    },
    en: {
      title: 'Smart property console', login: 'Sign in', loginHelp: 'Enter your account and password (the first admin is "admin"; its first password is in data/hub/admin-password).',
      username: 'Account', password: 'Password', signIn: 'Sign in', logout: 'Sign out', wrongPassword: 'The account or the password is not right.',
      unreachable: 'Cannot reach the hub: ', locked: 'Too many wrong passwords: the account is locked until ', sessionEnded: 'Your session has ended; please sign in again.',
      signedOut: 'Signed out.', choosePassword: 'Choose a new password', choosePasswordHelp: 'An admin reset your password: choose your own first (at least 10 characters).',
      currentPassword: 'Current password', newPassword: 'New password', repeatPassword: 'New password again', savePassword: 'Save',
      passwordsDiffer: 'The two new passwords differ.',
      admin: 'Admin', accounts: 'Staff accounts', displayName: 'Name', role: 'Role', sites: 'Communities', allSites: 'all communities',
      newAccount: 'New account', firstPassword: 'First password (to be changed at first sign-in)', create: 'Create', tokens: 'API tokens',
      name: 'Name', expires: 'Expires', lastUsed: 'Last used', newToken: 'New token', validFor: 'Valid for (days)', revoke: 'Revoke',
      revoked: 'revoked', expired: 'expired', active: 'active', lockedUntil: 'locked until ', disabled: 'disabled', mustChange: 'must change password',
      disable: 'Disable', enable: 'Enable', resetPassword: 'Reset password', tempPassword: 'temporary password', audit: 'Audit trail',
      exportCsv: 'Export CSV (opens in Excel)', who: 'Who', action: 'Action', subject: 'Subject', never: 'never',
      secretOnce: 'The token is shown this once; store it now: ', done: 'Done.',
      'role.admin': 'admin', 'role.engineer': 'engineer', 'role.operator': 'operator', 'role.billing': 'billing clerk', 'role.technician': 'technician', 'role.supervisor': 'maintenance supervisor',
      'role.manager': 'property manager', 'role.read-only': 'read-only',
      alarms: 'Alarms', noAlarms: 'No open alarms.', pickBuilding: 'Choose a building', device: 'Device', status: 'Status', values: 'Live values',
      lastSeen: 'Last seen', devices: 'devices', openAlarms: 'alarms', acknowledge: 'Acknowledge', reset: 'Reset', updated: 'Updated ',
      online: 'online', offline: 'offline', stale: 'stale', unknown: 'unknown', language: '中文', lastGood: 'last good', noAnswer: 'no answer',
      back: 'Back', floor: 'F', states: 'States and alarms', counters: 'Counters', gauges: 'Measurements', point: 'Point', value: 'Value',
      quality: 'Quality', time: 'Time', history: 'History', deviceAlarms: 'Alarms of this device', noDeviceAlarms: 'This device has no alarms.',
      last24h: 'last 24 hours', last7d: 'last 7 days', last30d: 'last 30 days', last1y: 'last year', zoomedIn: 'zoomed in', bucket: 'bucket',
      noHistoryIn: 'No good values in this period.', min: 'min', max: 'max', noHistory: 'No good values in the last 24 hours.', good: 'good', bad: 'bad',
      uncertain: 'uncertain', activated: 'activated',
      'active-unacknowledged': 'active, unacknowledged', 'active-acknowledged': 'active, acknowledged',
      'returned-unacknowledged': 'returned, unacknowledged', normal: 'normal',
      'life-safety': 'life-safety', critical: 'critical', major: 'major', minor: 'minor', warning: 'warning', failed: 'Failed: ',
      billing: 'Billing', billRuns: 'Bill runs', periodFrom: 'Period from (inclusive)', periodTo: 'Period to (exclusive)', computeRun: 'Compute bills',
      period: 'Period', state: 'State', bills: 'Bills', total: 'Total', anomalies: 'Anomalies', computedBy: 'Computed by', draft: 'draft',
      approved: 'approved', issued: 'issued', recompute: 'Compute again', approve: 'Approve', issue: 'Issue',
      gridBill: "The grid's bill for the master meter (resold power)", gridAmount: 'Amount (CNY)', gridReference: 'Bill or account number',
      save: 'Save', review: 'Review, unit by unit', exportLines: 'Bill lines CSV', exportXlsx: 'Bill lines Excel', exportInvoice: 'E-invoice lines Excel',
      exportNotices: 'All payment notices PDF', notice: 'Payment notice PDF', feeItem: 'Fee', basis: 'Basis', readings: 'Readings',
      quantity: 'Quantity', unitPrice: 'Unit price', amount: 'Amount', estimated: 'estimated', override: 'Bill as it stands',
      reason: 'Reason (required, audited)', overridden: 'Billed as it stands: ', flags: 'Change against last period', noAnomalies: 'No open anomalies.',
      resold: 'Resold power charged ', gridEntered: ', grid bill ', gridMissing: ", the grid's bill not entered yet", runBy: 'computed ',
      approvedBy: 'approved ', issuedBy: 'issued ', payer: 'Payer', yuan: 'CNY',
      'how.measured': 'measured', 'how.recorded': 'replacement record', 'how.interpolated': 'interpolated', 'how.carried-forward': 'carried forward',
      'how.carried-back': 'carried back', 'how.provisional': 'provisional', noRuns: 'No bill runs yet.',
      creditNotes: 'Credit and debit notes', creditAmount: 'Amount (negative to credit, positive to charge)', addCreditNote: 'Add',
      balance: 'Balance', noCreditNotes: 'None.',
      unitsXlsx: 'Every unit this month (XLSX)', noBaseline: 'Baseline: not enough data in the eight weeks before.',
      baselineText: 'Baseline (each weekday\'s mean over the eight weeks before): days {days} of this month expected {expected} kWh, used {actual} kWh, saved {savings} kWh ({percent} %). Fit: CV(RMSE) {cv} %, NMBE {nmbe} %, {verdict}.',
      withinLimits: 'within ASHRAE Guideline 14\'s limits for hourly data (30 % / ±10 %)', outsideLimits: 'outside ASHRAE Guideline 14\'s limits for hourly data (30 % / ±10 %): indicative only', carbonMonth: 'CO₂ this month', carbonFactor: '{grid}, {year} factor {factor} kgCO₂/kWh',
      energyDashboard: 'Energy at a glance', medium: 'Medium', electricity: 'Electricity', water: 'Water', scope: 'Scope', wholeSite: 'Whole site',
      today: 'Today', monthToDate: 'This month so far', lastMonthSamePeriod: 'Same days last month', change: 'Change', lastYearSamePeriod: 'Same days last year', yearChange: 'Year on year',
      openAlarmsFigure: 'Open alarms', urgentAlarms: '{n} of them urgent or major', collectionRate: 'Collection rate', collectionOf: 'bills of {period}: paid ¥{paid} of ¥{charged}', dailyUse: 'Daily use: this month and last',
      thisMonth: 'This month', lastMonthSeries: 'Last month', png: 'Save PNG', dayOfMonth: 'Day', categoriesTitle: 'Electricity by category (this month)',
      categoriesHelp: 'Counted at the meters at the bottom of the tree; "Unmetered and losses" is what the incomers measured beyond them.',
      'cat.lighting-sockets': 'Lighting and sockets', 'cat.hvac': 'HVAC', 'cat.power': 'Power', 'cat.special': 'Special', 'cat.uncategorised': 'Uncategorised',
      'cat.unmetered': 'Unmetered and losses', outliersTitle: 'Units out of the ordinary (last 7 days)', perDayCol: 'Per day', usualPerDay: 'Usual per day', ownRatio: '× own',
      perM2: 'Per m²', peerRatio: '× peers', outliersHelp: '{from} to {to}: {flagged} of {units} units beyond the thresholds (× own ≥ 1.5 or ≤ 0.5; per m² against the peers\' median {median} ≥ 2× or ≤ 0.25×). Choose a unit for its use and bills.',
      'flag.aboveOwnHistory': 'above its usual', 'flag.belowOwnHistory': 'below its usual', 'flag.abovePeers': 'above its peers', 'flag.belowPeers': 'below its peers', noOutliers: 'No units to compare.',
      unitUseTitle: '{unit}: daily use, last 90 days', unitBills: 'Bills', billedCol: 'Billed', paidCol: 'Paid', nightFlowTitle: 'Night flow (likeliest leak first)', waterMeter: 'Water meter', serves: 'Serves',
      minNightFlow: 'Lowest night hour (L)', nightVolume: 'Night volume (L)', flowingHours: 'Hours with flow', zeroHours: 'Hours without flow in 24 h',
      suspectedLeak: 'Possible leak', nightHelp: 'Night of {night}, 00:00–05:00 site time: {suspected} of {meters} water meters possibly leaking; ranked by the lowest hourly night flow, continuous flow first; the first 20 listed.',
      noWaterMeters: 'No water meter data.', estimatedShort: 'estimated', noData: 'No data yet',
      energy: 'Energy', lossesTitle: 'Losses (incomer − sum of sub-meters)', month: 'Month', show: 'Show', csv: 'Export CSV', incomer: 'Incomer',
      upstreamUse: 'Incomer use', subMeterUse: 'Sub-meters, summed', loss: 'Loss', lossShare: 'Loss share',
      lossesHelp: 'Per calendar month of the site, read with the same rules as bills; where a meter lacks readings the loss is left open and the meter named.',
      unreadMeters: 'No readings: ', estimatedMark: 'includes estimated readings', noTree: 'The site file declares no sub-meters (meter.submeterOf).',
      collect: 'Collections', findUnit: 'Unit or payer', open: 'Open', noSuchUnit: 'No such unit or payer: ', dueOn: 'Due', owed: 'Owed', lateFee: 'Late fee',
      takePayment: 'Take a payment', method: 'Method', reference: 'Transaction number (not for cash)', record: 'Record and print receipt',
      statement: 'Statement', entry: 'Entry', reminders: 'Reminders', noReminders: 'No reminders.', arrears: 'Arrears',
      exportXlsxShort: 'Export Excel', sendReminders: 'Send due reminders', sent: 'Sent ', unit: 'Unit', band0: 'Not yet due',
      band1: '1–30 days', band2: '31–90 days', band3: '91–180 days', band4: 'Over 180 days', lastReminder: 'Last reminder', owes: 'Owes ',
      prepaidLeft: 'Prepaid ', settled: 'Settled', receiptNo: 'Receipt ', receiptPdf: 'Print receipt',
      'pay.cash': 'Cash', 'pay.wechat': 'WeChat Pay', 'pay.alipay': 'Alipay', 'pay.bank-transfer': 'Bank transfer', 'pay.card': 'Card',
      delivered: 'delivered', notDelivered: 'not delivered', noArrears: 'Nobody owes anything.', 'entry.bill': 'Bill', 'entry.credit-note': 'Credit or debit note',
      'entry.payment': 'Payment', 'entry.write-off': 'Write-off', 'entry.refund': 'Refund',
      contactLanguage: 'Language', contact: 'Reminder contact', phone: 'Mobile (SMS)', email: 'E-mail', optOut: 'No more reminders', optOutNote: 'Opt-out note (when, how asked)',
      moveOut: 'Move-out settlement', moveOutHelp: 'The final bill from the meters at that instant, issued at once; the next occupant is billed from the same readings.',
      moveOutAt: 'Handover at', arrivingPayer: 'Next payer', persons: 'Household size', settle: 'Settle and issue the final bill', finalBill: 'Final bill ',
      handover: 'Print the meter handover form', saved: 'Saved.',
      woLink: 'Work orders', woDate: 'Date', woMine: 'My work orders', woPool: 'Open to take', woBoard: 'Work order board', woCalendar: 'Plan calendar (30 days)',
      woNone: 'No work orders.', woGrab: 'Take it', woStart: 'On site: start', woHold: 'Hold', woResume: 'Resume', woDone: 'Sign off',
      woVerify: 'Verify', woSendBack: 'Send back', woAssign: 'Assign', woAssignee: 'technician account', woLabour: 'Labour (minutes)',
      woOverdue: 'Overdue, deadline ', woDue: 'Deadline ', woBack: 'Back to the list', woChecklist: 'Checklist', woPass: 'Pass', woFail: 'Fail',
      woFollowUp: 'open a follow-up order if failed', woSave: 'Save', woPhoto: 'Take a photo', woPhotos: 'Photos', woHistory: 'History',
      woOccurrences: 'Alarm occurrences', woLocation: 'Location', woEquipment: 'Equipment', woDescription: 'Description', woReporter: 'Reported by',
      woLimits: 'range', woAnswered: 'answered', woNotOk: 'not ok', woOk: 'ok', woPlanned: 'planned',
      'woState.open': 'open', 'woState.assigned': 'assigned', 'woState.in-progress': 'in progress', 'woState.on-hold': 'on hold',
      'woState.done': 'to verify', 'woState.closed': 'closed', 'woState.cancelled': 'cancelled', 'woState.missed': 'missed', 'woState.planned': 'planned',
      'woPriority.immediate': 'immediate', 'woPriority.high': 'high', 'woPriority.medium': 'medium', 'woPriority.low': 'low',
      woReport: 'Take a report', woReportHelp: 'A resident calls or comes to the desk: where and what is wrong, with photos if any.',
      woContact: 'Phone', woSubmit: 'Submit the report', woReported: 'Recorded as work order #', woKpis: 'Maintenance KPIs (last 30 days, by building)',
      woGroup: 'Building', openWorkOrders: 'Open work orders', overdueWorkOrders: '{n} of them overdue', woNoBuilding: '(no building)', woMtbf: 'MTBF (h)', woMttr: 'MTTR (h)', woCompliance: 'PM on time', woBacklog: 'Backlog', woBreaches: 'Late (arrival/repair)',
      woFtf: 'First-time fix', woXlsx: 'Export XLSX'
    }
  };

  const state = {
    lang: localStorage.getItem('lintel.lang') || (navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en'),
    me: null, csrf: null, admin: false, billing: false, collect: false, energy: false, orders: false,
    sites: [], site: null, building: null, device: null, chart: null, timer: null, shown: {}
  };

  // re-render a part only when its data changed, so that a button is not replaced under the pointer every 5 seconds
  function changed(part, data) {
    const key = state.lang + JSON.stringify(data) + (part === 'buildings' && state.building ? state.building.id : '');
    if (state.shown[part] === key) return false;
    state.shown[part] = key;
    return true;
  }
  const $ = (sel) => document.querySelector(sel);
  const t = (key) => (TEXT[state.lang][key] !== undefined ? TEXT[state.lang][key] : key);
  const label = (en, zh) => (state.lang === 'zh-CN' ? (zh || en) : (en || zh)) || '';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  // background: the page's own refresh, which must not keep an unattended session alive
  async function api(method, path, body, background) {
    const headers = {};
    if (body) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    if (background) headers['X-Lintel-Background'] = '1';
    const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined });
    if (r.status === 401 && state.me) { ended(t('sessionEnded')); throw new Error('unauthorized'); }
    const data = r.headers.get('content-type') && r.headers.get('content-type').includes('json') ? await r.json() : await r.text();
    if (!r.ok) throw new Error((data && data.detail) || r.statusText);
    return data;
  }

  function showWho() {
    if (state.me) $('#who').textContent = (state.me.displayName || state.me.username) + ' · ' + t('role.' + state.me.role);
  }

  function translate() {
    showWho();
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-t]').forEach(n => { n.textContent = t(n.dataset.t); });
    $('#lang-toggle').textContent = t('language');
  }

  function time(iso) {
    if (!iso) return '';
    const zone = (state.site && state.site.timeZone) || 'Asia/Shanghai';
    return new Intl.DateTimeFormat(state.lang, { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hour12: false }).format(new Date(iso));
  }

  function value(p) {
    if (p.value === null || p.value === undefined) return '—';
    if (typeof p.value === 'number') return (Math.round(p.value * 1000) / 1000).toLocaleString(state.lang) + (p.unit ? ' ' + p.unit : '');
    return String(p.value);
  }

  function pointValue(p, withName = true) {
    const name = withName ? (p.label ? label(p.label.en, p.label.zh) : p.point) + ': ' : '';
    if (p.quality === 'good' || p.value !== null && p.value !== undefined) {
      return el('span', { 'data-point': p.point, class: p.quality === 'good' ? '' : 'uncertain', title: time(p.time) }, name, el('b', {}, value(p)));
    }
    // the device did not answer: its last good value stays visible, marked as such
    const last = p.lastGood ? [el('b', {}, value({ value: p.lastGood.value, unit: p.unit })), ` (${t('lastGood')} ${time(p.lastGood.time)})`] : [el('b', {}, '—')];
    return el('span', { 'data-point': p.point, class: 'bad', title: t('noAnswer') + ' ' + time(p.time) }, name, ...last);
  }

  function ended(message) {
    state.me = null; state.csrf = null;
    clearInterval(state.timer);
    showLogin(message);
  }

  async function signOut() {
    try { await api('DELETE', '/api/v1/session'); } catch (e) { /* the session is gone either way */ }
    ended(t('signedOut'));
  }

  function showLogin(message) {
    $('#app-view').hidden = true; $('#login-view').hidden = false; $('#logout').hidden = true; $('#site').hidden = true; $('#who').hidden = true;
    $('#admin-link').hidden = true;
    $('#login-form').hidden = false; $('#password-form').hidden = true;
    $('#login-error').textContent = message || '';
    $('#login-password').value = '';
    ($('#login-username').value ? $('#login-password') : $('#login-username')).focus();
  }

  function showPasswordForm(message) {
    $('#app-view').hidden = true; $('#login-view').hidden = false; $('#login-form').hidden = true; $('#password-form').hidden = false;
    $('#logout').hidden = false;
    $('#password-error').textContent = message || '';
    $('#password-current').focus();
  }

  async function signIn(username, password) {
    let r;
    try {
      r = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
        body: JSON.stringify({ username, password }) });
    } catch (e) {
      showLogin(t('unreachable') + e.message);
      return;
    }
    const data = await r.json().catch(() => ({}));
    if (r.status === 401) { showLogin(t('wrongPassword')); return; }
    if (r.status === 429) {
      const until = (data.detail || '').match(/until (\S+?);/);
      showLogin(t('locked') + (until ? time(until[1]) : ''));
      return;
    }
    if (!r.ok) { showLogin(t('unreachable') + (data.detail || r.statusText)); return; }
    started(data);
  }

  async function changePassword() {
    if ($('#password-new').value !== $('#password-repeat').value) { $('#password-error').textContent = t('passwordsDiffer'); return; }
    try {
      started(await api('POST', '/api/v1/session/password', { currentPassword: $('#password-current').value, newPassword: $('#password-new').value }));
    } catch (e) {
      if (e.message !== 'unauthorized') $('#password-error').textContent = e.message;
    }
  }

  async function started(me) {
    state.me = me; state.csrf = me.csrfToken;
    showWho();
    if (me.mustChangePassword) { showPasswordForm(''); return; }
    try {
      state.sites = await api('GET', '/api/v1/sites');
    } catch (e) {
      if (e.message !== 'unauthorized') showLogin(t('unreachable') + e.message);
      return;
    }
    $('#login-view').hidden = true; $('#app-view').hidden = false; $('#logout').hidden = false; $('#who').hidden = false;
    $('#admin-link').hidden = me.role !== 'admin';
    $('#billing-link').hidden = !BILL_READERS.includes(me.role);
    $('#collect-link').hidden = !BILL_READERS.includes(me.role);
    $('#energy-link').hidden = !USAGE_READERS.includes(me.role);
    $('#orders-link').hidden = !WORK_READERS.includes(me.role);
    const select = $('#site');
    select.replaceChildren(...state.sites.map(s => el('option', { value: s.id }, label(s.nameEn, s.nameZh) || s.id)));
    select.hidden = state.sites.length < 2;
    state.site = state.sites[0] || null;
    route();
    clearInterval(state.timer);
    state.timer = setInterval(() => refresh(true), 5000);
  }

  async function refresh(background) {
    // the admin and billing pages change only by their own actions: a refresh would replace a form being filled in
    if (state.admin || state.billing || state.collect || state.orders) return;
    if (!state.site) return;
    const s = state.site.id;
    $('#site-name').textContent = label(state.site.nameEn, state.site.nameZh) || s;
    try {
      // every site's open alarms in one list, life-safety first: a fire in another community must not hide behind the site picker
      const [buildings, alarms] = await Promise.all([api('GET', `/api/v1/sites/${s}/buildings`, null, background),
        api('GET', '/api/v1/alarms', null, background)]);
      if (changed('buildings', buildings)) renderBuildings(buildings);
      if (changed('alarms', alarms)) renderAlarms(alarms);
      $('#site-view').hidden = !!state.device;
      $('#device-view').hidden = !state.device;
      if (state.device) {
        const d = state.device;
        const [rows, history] = await Promise.all([api('GET', `/api/v1/sites/${d.site}/latest?device=${encodeURIComponent(d.id)}`, null, background),
          api('GET', `/api/v1/sites/${d.site}/alarms?device=${encodeURIComponent(d.id)}&state=all&limit=20`, null, background)]);
        if (changed('device', [d, rows, history])) renderDevice(rows[0], history);
      } else if (state.building) {
        const devices = await api('GET', `/api/v1/sites/${s}/latest?building=${encodeURIComponent(state.building.id)}`, null, background);
        if (changed('devices', [state.building.id, devices])) renderDevices(devices);
      }
      $('#updated').textContent = t('updated') + time(new Date().toISOString());
    } catch (e) {
      if (e.message !== 'unauthorized') $('#updated').textContent = t('unreachable') + e.message;
    }
  }

  function renderBuildings(buildings) {
    $('#buildings').replaceChildren(...buildings.map(b => {
      const st = b.byStatus || {};
      return el('button', { type: 'button', class: 'building' + (state.building && state.building.id === b.id ? ' selected' : ''), 'data-id': b.id,
        onclick: () => { state.building = b; refresh(); } },
        el('strong', {}, label(b.nameEn, b.nameZh) || b.id),
        el('span', {}, `${b.devices} ${t('devices')} · `), el('span', { class: 'badge online' }, `${st.online || 0} ${t('online')}`), ' ',
        el('span', { class: 'badge' + ((st.offline || 0) + (st.stale || 0) ? ' offline' : '') }, `${(st.offline || 0) + (st.stale || 0)} ${t('offline')}`), ' ',
        el('span', { class: 'badge' + (b.openAlarms ? ' critical' : '') }, `${b.openAlarms} ${t('openAlarms')}`));
    }));
  }

  function renderDevices(devices) {
    $('#building-name').textContent = label(state.building.nameEn, state.building.nameZh) || state.building.id;
    $('#devices tbody').replaceChildren(...devices.map(d => el('tr', { 'data-device': d.device },
      el('td', {}, el('a', { href: `#device/${encodeURIComponent(state.site.id)}/${encodeURIComponent(d.device)}`, class: 'device-link' },
        el('strong', {}, d.device)), el('div', { class: 'muted' }, d.profile)),
      el('td', {}, el('span', { class: 'badge ' + d.status }, t(d.status))),
      // every point, as the hub orders them: states and flags (a trapped passenger, a fault) first, then counters, then gauges
      el('td', { class: 'values' }, d.points.map(p => pointValue(p))),
      el('td', {}, time(d.lastSeen)))));
  }

  function renderAlarms(alarms) {
    $('#alarm-count').textContent = alarms.length ? `(${alarms.length})` : '';
    $('#alarms .empty').hidden = alarms.length > 0;
    $('#alarm-list').replaceChildren(...alarms.map(a => {
      const buttons = [];
      if (a.state === 'active-unacknowledged' || a.state === 'returned-unacknowledged') {
        buttons.push(el('button', { type: 'button', class: 'ack primary', onclick: () => act(a, 'acknowledge') }, t('acknowledge')));
      }
      if (a.latching && a.state === 'active-acknowledged' && !a.conditionActive) {
        buttons.push(el('button', { type: 'button', class: 'reset', onclick: () => act(a, 'reset') }, t('reset')));
      }
      return el('li', { class: 'alarm ' + a.state, 'data-id': a.id, 'data-type': a.type, 'data-state': a.state },
        el('span', { class: 'badge ' + a.priority }, t(a.priority)),
        el('span', { class: 'what' }, el('strong', {}, label(a.labelEn, a.labelZh) || a.type), ' · ', place(a), ' · ',
          el('a', { href: `#device/${encodeURIComponent(a.site)}/${encodeURIComponent(a.device)}` }, label(a.deviceNameEn, a.deviceNameZh) || a.device),
          ' · ', t(a.state), a.acknowledgedBy ? ' · ' + a.acknowledgedBy : ''),
        el('span', { class: 'muted' }, time(a.activatedAt)), ...buttons);
    }));
  }

  /** Where an alarm is: the site when more than one is watched, the building and the floor. */
  function place(a) {
    const parts = [];
    if (state.sites.length > 1) parts.push(label(a.siteNameEn, a.siteNameZh) || a.site);
    if (a.building) parts.push(label(a.buildingNameEn, a.buildingNameZh) || a.building);
    if (a.floor !== null && a.floor !== undefined) parts.push(state.lang === 'zh-CN' ? `${a.floor}${t('floor')}` : `${t('floor')}${a.floor}`);
    return parts.join(' ');
  }

  const KINDS = [['states', ['state', 'flag']], ['counters', ['counter']], ['gauges', ['gauge', undefined]]];

  /** One device: every point grouped by kind with label, value, quality and time, its alarm history, a 24-hour chart. */
  function renderDevice(d, alarms) {
    if (!d) return;
    $('#device-name').textContent = d.device;
    $('#device-meta').replaceChildren(el('span', { class: 'badge ' + d.status }, t(d.status)), ' ', d.profile,
      d.building ? ' · ' + d.building : '', d.lastSeen ? ` · ${t('lastSeen')} ${time(d.lastSeen)}` : '');
    $('#device-points').replaceChildren(...KINDS.map(([title, kinds]) => {
      const points = d.points.filter(p => kinds.includes(p.kind));
      if (!points.length) return '';
      return el('div', { class: 'kind', 'data-kind': title }, el('h3', {}, t(title)), el('table', {},
        el('thead', {}, el('tr', {}, ...['point', 'value', 'quality', 'time', ''].map(h => el('th', {}, h ? t(h) : '')))),
        el('tbody', {}, ...points.map(p => el('tr', { 'data-point': p.point },
          el('td', {}, p.label ? label(p.label.en, p.label.zh) : p.point, el('div', { class: 'muted' }, p.point)),
          el('td', { class: 'values' }, pointValue(p, false)),
          el('td', {}, el('span', { class: 'quality ' + p.quality }, t(p.quality))),
          el('td', {}, time(p.time)),
          el('td', {}, typeof p.value === 'number' || (p.lastGood && typeof p.lastGood.value === 'number')
            ? el('button', { type: 'button', class: 'history', onclick: () => showHistory(d, p) }, t('history')) : ''))))));
    }));
    $('#device-alarms').replaceChildren(...(alarms.length ? alarms.map(a => el('li', { class: 'alarm ' + a.state, 'data-type': a.type },
      el('span', { class: 'badge ' + a.priority }, t(a.priority)),
      el('span', { class: 'what' }, el('strong', {}, label(a.labelEn, a.labelZh) || a.type), ' · ', t(a.state)),
      el('span', { class: 'muted' }, `${t('activated')} ${time(a.activatedAt)}`))) : [el('li', { class: 'empty' }, t('noDeviceAlarms'))]));
    // the chart keeps its zoom through the page's refreshes; it is drawn again only for another language
    if (state.chart && state.chart.lang !== state.lang) drawChart();
  }

  /** The history chart's ranges: how far back, and the bucket that gives a few hundred points over it. */
  const RANGES = [['last24h', 24 * 3600e3, '15m'], ['last7d', 7 * 24 * 3600e3, '1h'], ['last30d', 30 * 24 * 3600e3, '6h'], ['last1y', 366 * 24 * 3600e3, '1d']];
  /** Buckets to refine into when zoomed in: the coarsest that still gives at least ~100 points over the window. */
  const BUCKETS = [['1m', 60e3], ['5m', 300e3], ['15m', 900e3], ['1h', 3600e3], ['6h', 6 * 3600e3], ['1d', 86400e3]];

  async function showHistory(d, p, range) {
    const r = RANGES.find(x => x[0] === (range || 'last24h'));
    const to = new Date(), from = new Date(to.getTime() - r[1]);
    state.chart = { device: d, point: p, range: r[0], bucket: r[2], from, to, buckets: [] };
    await loadHistory(from, to, r[2]);
  }

  async function loadHistory(from, to, bucket) {
    const c = state.chart;
    const d = c.device;
    const h = await api('GET', `/api/v1/sites/${d.site || state.device.site}/devices/${encodeURIComponent(d.device)}/points/${encodeURIComponent(c.point.point)}`
      + `/history?from=${from.toISOString()}&to=${to.toISOString()}&bucket=${bucket}`);
    Object.assign(c, { from, to, bucket, buckets: h.buckets || [] });
    drawChart();
  }

  /**
   * A point's history as an ECharts line of bucket means with its min–max band, over 24 hours to a year; zooming in
   * (mouse wheel, pinch or the slider) asks the hub for finer buckets of the window, down to minutes.
   */
  function drawChart() {
    const c = state.chart, box = $('#device-chart');
    box.hidden = false;
    c.lang = state.lang;
    const name = c.point.label ? label(c.point.label.en, c.point.label.zh) : c.point.point;
    const unit = c.point.unit ? ' ' + c.point.unit : '';
    const zoomed = !RANGES.some(r => r[0] === c.range && r[2] === c.bucket);
    if (!box.querySelector('#history-chart')) {
      box.replaceChildren(el('h3', { id: 'history-title' }), el('p', { class: 'chart-tools', id: 'history-ranges' }),
        el('div', { id: 'history-chart', class: 'echart small', role: 'img' }), el('p', { class: 'muted', id: 'history-range' }),
        el('p', { class: 'chart-tools' }, el('button', { type: 'button', id: 'history-png', onclick: () => download(chart('history-chart')
          .getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${c.device.device}-${c.point.point}.png`) }, t('png'))));
    }
    $('#history-title').textContent = `${name} · ${zoomed ? t('zoomedIn') : t(c.range)} · ${t('bucket')} ${c.bucket}`;
    $('#history-ranges').replaceChildren(...RANGES.map(r => el('button', { type: 'button', 'data-range': r[0], class: r[0] === c.range && !zoomed ? 'primary' : '',
      onclick: () => showHistory(c.device, c.point, r[0]) }, t(r[0]))));
    $('#history-png').textContent = t('png');
    const e = chart('history-chart');
    if (!c.buckets.length) {
      e.clear();
      $('#history-range').textContent = t('noHistoryIn');
      return;
    }
    const lo = Math.min(...c.buckets.map(b => b.min)), hi = Math.max(...c.buckets.map(b => b.max));
    $('#history-range').textContent = `${t('min')} ${value({ value: lo })}${unit} · ${t('max')} ${value({ value: hi })}${unit} · `
      + `${time(c.buckets[0].start)} – ${time(c.buckets[c.buckets.length - 1].start)}`;
    const at = b => Date.parse(b.start);
    e.setOption({
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 64, right: 16, top: 16, bottom: 64 },
      xAxis: { type: 'time', min: c.from.getTime(), max: c.to.getTime() },
      yAxis: { type: 'value', name: c.point.unit || '', scale: true },
      dataZoom: [{ type: 'inside', filterMode: 'none' }, { type: 'slider', filterMode: 'none', height: 20, bottom: 12 }],
      series: [
        { name: t('min'), type: 'line', data: c.buckets.map(b => [at(b), b.min]), lineStyle: { opacity: 0 }, stack: 'band', symbol: 'none', silent: true },
        { name: t('max'), type: 'line', data: c.buckets.map(b => [at(b), b.max - b.min]), lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(31,95,168,.15)' },
          stack: 'band', symbol: 'none', silent: true },
        { name, type: 'line', data: c.buckets.map(b => [at(b), b.mean]), itemStyle: { color: '#1f5fa8' }, showSymbol: c.buckets.length < 60 }]
    }, true);
    e.off('datazoom');
    e.on('datazoom', () => {
      clearTimeout(state.zoomTimer);
      state.zoomTimer = setTimeout(() => refine(e), 400);
    });
  }

  /** After a zoom: the window at the finest bucket that keeps it to a few hundred points, if finer than what is shown. */
  function refine(e) {
    const c = state.chart;
    const z = e.getOption().dataZoom[0];
    const span = c.to.getTime() - c.from.getTime();
    const from = z.startValue != null ? z.startValue : c.from.getTime() + span * (z.start || 0) / 100;
    const to = z.endValue != null ? z.endValue : c.from.getTime() + span * (z.end == null ? 100 : z.end) / 100;
    const window = to - from;
    if (window <= 0 || window >= span * 0.9) return;
    const bucket = (BUCKETS.find(b => window / b[1] <= 400) || BUCKETS[BUCKETS.length - 1])[0];
    if (bucket === c.bucket) return;
    loadHistory(new Date(from), new Date(to), bucket);
  }

  function route() {
    const admin = location.hash === '#admin' && state.me && state.me.role === 'admin';
    const billing = location.hash.startsWith('#billing') && state.me && BILL_READERS.includes(state.me.role);
    const collect = location.hash.startsWith('#collect') && state.me && BILL_READERS.includes(state.me.role);
    const energy = location.hash === '#energy' && state.me && USAGE_READERS.includes(state.me.role);
    const orders = (location.hash === '#orders' || location.hash.startsWith('#order/')) && state.me && WORK_READERS.includes(state.me.role);
    state.orders = orders;
    $('#orders-view').hidden = !orders;
    state.admin = admin;
    state.billing = billing;
    state.collect = collect;
    state.energy = energy;
    $('#admin-view').hidden = !admin;
    $('#billing-view').hidden = !billing;
    $('#collect-view').hidden = !collect;
    $('#energy-view').hidden = !energy;
    $('#alarms').hidden = admin || billing || collect || energy || orders;
    if (orders) { $('#site-view').hidden = true; $('#device-view').hidden = true; renderOrders(); return; }
    if (energy) { $('#site-view').hidden = true; $('#device-view').hidden = true; renderEnergy(); return; }
    if (admin) { $('#site-view').hidden = true; $('#device-view').hidden = true; renderAdmin(); return; }
    if (billing) { $('#site-view').hidden = true; $('#device-view').hidden = true; renderBilling(); return; }
    if (collect) { $('#site-view').hidden = true; $('#device-view').hidden = true; renderCollect(); return; }
    const m = location.hash.match(/^#device\/([^/]+)\/(.+)$/);
    const device = m ? { site: decodeURIComponent(m[1]), id: decodeURIComponent(m[2]) } : null;
    if (JSON.stringify(device) !== JSON.stringify(state.device)) { state.device = device; state.chart = null; $('#device-chart').hidden = true; }
    if (device && state.site && device.site !== state.site.id) {
      state.site = state.sites.find(s => s.id === device.site) || state.site;
      $('#site').value = state.site.id;
    }
    refresh();
  }

  async function act(alarm, action) {
    try {
      await api('POST', `/api/v1/alarms/${alarm.id}/${action}`, { note: 'console' });
    } catch (e) {
      if (e.message !== 'unauthorized') alert(t('failed') + e.message);
    }
    refresh();
  }

  // ----- admin: accounts, tokens, audit trail (the API does the checks; this page shows their answers) -----
  const ROLES = ['admin', 'engineer', 'operator', 'billing', 'technician', 'supervisor', 'manager', 'read-only'];
  const roleName = (r) => t('role.' + r);
  const sitesText = (s) => (s === '*' ? t('allSites') : s.map(id => { const x = state.sites.find(v => v.id === id); return x ? (label(x.nameEn, x.nameZh) || id) : id; }).join(', '));
  const pickedSites = (select) => { const ids = [...select.selectedOptions].map(o => o.value); return ids.length === 0 || ids.includes('*') ? '*' : ids; };

  function fillPickers() {
    ['#new-role', '#token-role'].forEach(id => $(id).replaceChildren(...ROLES.map(r => el('option', { value: r }, roleName(r)))));
    $('#token-role').value = 'read-only'; $('#new-role').value = 'operator';
    ['#new-sites', '#token-sites'].forEach(id => $(id).replaceChildren(el('option', { value: '*' }, t('allSites')),
      ...state.sites.map(x => el('option', { value: x.id }, label(x.nameEn, x.nameZh) || x.id))));
  }

  async function renderAdmin() {
    fillPickers();
    try {
      const [accounts, tokens, audit] = await Promise.all([api('GET', '/api/v1/accounts'), api('GET', '/api/v1/tokens'), api('GET', '/api/v1/audit?limit=50')]);
      $('#account-list tbody').replaceChildren(...accounts.map(a => el('tr', { 'data-username': a.username },
        el('td', {}, a.username), el('td', {}, a.displayName), el('td', {}, roleName(a.role)), el('td', {}, sitesText(a.sites)),
        el('td', {}, a.disabled ? t('disabled') : a.lockedUntil && new Date(a.lockedUntil) > new Date() ? t('lockedUntil') + time(a.lockedUntil)
          : a.mustChangePassword ? t('mustChange') : t('active')),
        el('td', {}, el('div', { class: 'actions' },
          el('input', { type: 'password', class: 'reset-password', placeholder: t('tempPassword'), minlength: '10', maxlength: '256', autocomplete: 'new-password' }),
          el('button', { type: 'button', class: 'reset', onclick: (e) => adminAction('POST', `/api/v1/accounts/${encodeURIComponent(a.username)}/password`,
            { password: e.target.parentNode.querySelector('.reset-password').value }) }, t('resetPassword')),
          a.username === state.me.username ? '' : el('button', { type: 'button', class: 'toggle',
            onclick: () => adminAction('PATCH', `/api/v1/accounts/${encodeURIComponent(a.username)}`, { disabled: !a.disabled }) }, a.disabled ? t('enable') : t('disable')))))));
      $('#token-list tbody').replaceChildren(...tokens.map(k => el('tr', { 'data-token': k.id },
        el('td', {}, k.name), el('td', {}, roleName(k.role)), el('td', {}, sitesText(k.sites)),
        el('td', {}, k.expiresAt ? time(k.expiresAt) : '—'), el('td', {}, k.lastUsedAt ? time(k.lastUsedAt) : t('never')),
        el('td', {}, k.revokedAt ? t('revoked') : !k.live ? t('expired')
          : el('button', { type: 'button', class: 'revoke', onclick: () => adminAction('DELETE', `/api/v1/tokens/${k.id}`) }, t('revoke'))))));
      $('#audit-list tbody').replaceChildren(...audit.map(e => el('tr', {},
        el('td', {}, time(e.at)), el('td', {}, e.actor), el('td', {}, e.action), el('td', {}, e.subject))));
    } catch (e) {
      if (e.message !== 'unauthorized') $('#account-error').textContent = t('failed') + e.message;
    }
  }

  async function adminAction(method, path, body, errorBox) {
    const box = errorBox || $('#account-error');
    box.textContent = '';
    try {
      const answer = await api(method, path, body);
      box.className = 'ok';
      box.textContent = t('done');
      renderAdmin();
      return answer;
    } catch (e) {
      box.className = 'error';
      if (e.message !== 'unauthorized') box.textContent = t('failed') + e.message;
      return null;
    }
  }

  $('#account-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const made = await adminAction('POST', '/api/v1/accounts', { username: $('#new-username').value.trim(), displayName: $('#new-display-name').value.trim(),
      role: $('#new-role').value, sites: pickedSites($('#new-sites')), password: $('#new-password').value, mustChangePassword: true });
    if (made) $('#account-form').reset();
  });
  $('#token-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const made = await adminAction('POST', '/api/v1/tokens', { name: $('#token-name').value.trim(), role: $('#token-role').value,
      sites: pickedSites($('#token-sites')), expiresIn: $('#token-days').value }, $('#token-error'));
    if (made) {
      $('#token-secret').hidden = false;
      $('#token-secret').replaceChildren(t('secretOnce'), el('code', {}, made.token));
      $('#token-name').value = '';
    }
  });


  // ---- billing: the clerk starts a run, reviews it (anomalies first, then changes against last period), approves, issues, exports ----
  const BILL_READERS = ['admin', 'billing', 'manager'];
  const money = (v) => Number(v).toLocaleString(state.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const day = (iso) => iso;
  const lastDay = (iso) => { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() - 1); return d.toISOString().slice(0, 10); };

  function defaultPeriod() {
    // last calendar month: what a clerk bills at the start of a month
    const now = new Date();
    const first = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
    const next = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 1));
    if (!$('#run-from').value) $('#run-from').value = first.toISOString().slice(0, 10);
    if (!$('#run-to').value) $('#run-to').value = next.toISOString().slice(0, 10);
  }

  async function renderBilling() {
    const m = location.hash.match(/^#billing(?:\/(\d+))?(?:\/(.+))?$/);
    const run = m && m[1] ? Number(m[1]) : null;
    const unit = m && m[2] ? decodeURIComponent(m[2]) : null;
    $('#bill-runs').hidden = run !== null;
    $('#run-view').hidden = run === null || unit !== null;
    $('#bill-view').hidden = unit === null;
    $('#run-form').hidden = !['admin', 'billing'].includes(state.me.role);
    try {
      if (run === null) await renderRuns();
      else if (unit === null) await renderRun(run);
      else await renderBill(run, unit);
    } catch (e) {
      if (e.message !== 'unauthorized') (run === null ? $('#run-error') : $('#run-message')).textContent = t('failed') + e.message;
    }
  }

  async function renderRuns() {
    defaultPeriod();
    if (!state.site) return;
    const runs = await api('GET', `/api/v1/sites/${state.site.id}/bill-runs`);
    $('#run-list tbody').replaceChildren(...(runs.length ? runs.map(r => el('tr', { 'data-run': r.id },
      el('td', {}, el('a', { href: `#billing/${r.id}` }, `${day(r.from)} – ${lastDay(r.to)}`)),
      el('td', {}, el('span', { class: 'badge ' + r.state }, t(r.state))), el('td', {}, r.bills), el('td', { class: 'num' }, money(r.total)),
      el('td', {}, r.openAnomalies ? el('b', { class: 'error' }, r.openAnomalies) : '0'), el('td', {}, r.createdBy)))
      : [el('tr', {}, el('td', { colspan: 6, class: 'empty' }, t('noRuns')))]));
  }

  async function renderRun(id) {
    const data = await api('GET', `/api/v1/bill-runs/${id}`);
    const r = data.run;
    $('#run-title').textContent = `${t('billRuns')} #${r.id} · ${day(r.from)} – ${lastDay(r.to)} · ${t(r.state)}`;
    const who = [t('runBy') + r.createdBy + ' ' + time(r.computedAt)];
    if (r.approvedBy) who.push(t('approvedBy') + r.approvedBy + ' ' + time(r.approvedAt));
    if (r.issuedBy) who.push(t('issuedBy') + r.issuedBy + ' ' + time(r.issuedAt));
    let resold = '';
    if (Number(r.resoldTotal) > 0) {
      resold = ' · ' + t('resold') + money(r.resoldTotal) + (r.gridBill !== null && r.gridBill !== undefined ? t('gridEntered') + money(r.gridBill)
        + (r.gridBillReference ? ' (' + r.gridBillReference + ')' : '') : t('gridMissing'));
    }
    $('#run-meta').textContent = `${r.bills} ${t('bills')} · ${t('total')} ${money(r.total)} ${t('yuan')} · ${t('anomalies')} ${r.openAnomalies}${resold} · ${who.join(' · ')}`;
    const clerk = ['admin', 'billing'].includes(state.me.role);
    const actions = [];
    if (r.state === 'draft' && clerk) actions.push(el('button', { type: 'button', id: 'run-recompute', onclick: () => runAction('POST', `/api/v1/sites/${r.site}/bill-runs`, { from: r.from, to: r.to }) }, t('recompute')));
    if (r.state === 'draft') actions.push(el('button', { type: 'button', id: 'run-approve', class: 'primary', onclick: () => runAction('POST', `/api/v1/bill-runs/${r.id}/approve`, {}) }, t('approve')));
    if (r.state === 'approved') actions.push(el('button', { type: 'button', id: 'run-issue', class: 'primary', onclick: () => runAction('POST', `/api/v1/bill-runs/${r.id}/issue`, {}) }, t('issue')));
    $('#run-actions').replaceChildren(...actions);
    $('#grid-form').hidden = !(Number(r.resoldTotal) > 0 && r.state !== 'issued' && clerk);
    $('#grid-form').dataset.run = r.id;
    const base = `/api/v1/bill-runs/${r.id}`;
    $('#run-exports').replaceChildren(el('a', { href: `${base}/lines?format=csv`, id: 'export-csv' }, t('exportLines')), ' · ',
      el('a', { href: `${base}/lines?format=xlsx`, id: 'export-xlsx' }, t('exportXlsx')), ' · ',
      el('a', { href: `${base}/invoice-lines?format=xlsx`, id: 'export-invoice' }, t('exportInvoice')), ' · ',
      el('a', { href: `${base}/notices`, id: 'export-notices' }, t('exportNotices')));
    // anomalies first, then bills that changed by more than half against last period, then the rest by unit
    const rank = (b) => (b.anomalies.length ? 0 : b.flags.length ? 1 : 2);
    const bills = data.bills.slice().sort((a, b) => rank(a) - rank(b) || a.unit.localeCompare(b.unit));
    $('#review-count').textContent = `${data.bills.filter(b => b.anomalies.length).length} ${t('anomalies')} · ${data.bills.filter(b => b.flags.length).length} ${t('flags')}`;
    $('#review-list').replaceChildren(...bills.map(b => el('li', { class: 'bill ' + ['anomaly', 'flagged', 'plain'][rank(b)], 'data-unit': b.unit },
      el('div', { class: 'what' }, el('a', { href: `#billing/${r.id}/${encodeURIComponent(b.unit)}` }, el('strong', {}, b.unit)), ' ', b.payer,
        b.estimated ? el('span', { class: 'badge stale' }, t('estimated')) : '',
        ...b.anomalies.map(a => el('div', { class: 'error' }, a)),
        ...b.flags.map(f => el('div', { class: 'flag' }, t('flags') + ': ' + f)),
        ...(b.overridden || []).map(o => el('div', { class: 'muted' }, t('overridden') + o.anomaly + ' — ' + o.reason + ' (' + o.by + ')')),
        b.anomalies.length && r.state === 'draft' && clerk ? el('div', { class: 'actions' },
          el('input', { class: 'override-reason', placeholder: t('reason'), maxlength: '1000', minlength: '5' }),
          el('button', { type: 'button', class: 'override', onclick: (e) => runAction('POST', `/api/v1/bill-runs/${r.id}/overrides`,
            { unit: b.unit, reason: e.target.parentNode.querySelector('.override-reason').value.trim() }) }, t('override'))) : ''),
      el('span', { class: 'num' }, money(b.total)))));
  }

  async function runAction(method, path, body) {
    $('#run-message').textContent = '';
    try {
      await api(method, path, body);
      renderBilling();
    } catch (e) {
      if (e.message !== 'unauthorized') $('#run-message').textContent = t('failed') + e.message;
    }
  }

  function readingText(r) {
    const v = (x, how, at) => `${Number(x).toLocaleString(state.lang, { maximumFractionDigits: 3 })} (${time(at)}${how === 'measured' ? '' : ', ' + t('how.' + how)})`;
    return `${r.meter}: ${v(r.previous, r.previousMethod, r.previousAt)} → ${v(r.current, r.currentMethod, r.currentAt)}`;
  }

  async function renderBill(id, unit) {
    const b = await api('GET', `/api/v1/bill-runs/${id}/bills/${encodeURIComponent(unit)}`);
    $('#bill-back').setAttribute('href', `#billing/${id}`);
    $('#bill-title').textContent = `${b.unit} · ${b.payer}`;
    $('#bill-meta').textContent = `${t('period')} ${day(b.from)} – ${lastDay(b.to)}` + (b.estimated ? ' · ' + t('estimated') : '');
    let shown = null;
    $('#bill-lines tbody').replaceChildren(...b.lines.map(l => {
      const same = JSON.stringify(l.readings) === shown;
      shown = JSON.stringify(l.readings);
      return el('tr', { 'data-fee': l.feeItem },
        el('td', {}, l.feeName || l.feeItem, l.estimated ? ' *' : ''), el('td', {}, l.basis),
        el('td', { class: 'readings' }, same ? '' : (l.readings || []).map(r => el('div', {}, readingText(r)))),
        el('td', { class: 'num' }, Number(l.quantity).toLocaleString(state.lang, { maximumFractionDigits: 6 }) + (l.unit ? ' ' + l.unit : '')),
        el('td', { class: 'num' }, l.unitPrice === null || l.unitPrice === undefined ? '' : String(l.unitPrice)), el('td', { class: 'num' }, money(l.amount)));
    }));
    $('#bill-total').textContent = money(b.total);
    $('#credit-notes').replaceChildren(...(b.creditNotes.length ? b.creditNotes.map(n => el('li', { class: 'credit-note' },
      `${time(n.at)} ${n.feeItem} ${money(n.amount)} — ${n.reason} (${n.by})`)).concat([el('li', { class: 'balance' }, el('b', {}, t('balance') + ' ' + money(b.balance)))])
      : [el('li', { class: 'muted' }, t('noCreditNotes'))]));
    const form = $('#credit-form');
    form.hidden = !(b.runState === 'issued' && ['admin', 'billing'].includes(state.me.role));
    form.dataset.path = `/api/v1/bill-runs/${id}/bills/${encodeURIComponent(unit)}/credit-notes`;
    $('#credit-fee').replaceChildren(...[...new Map(b.lines.map(l => [l.feeItem, l.feeName || l.feeItem])).entries()].map(([k, v]) => el('option', { value: k }, v)));
    $('#bill-notice').replaceChildren(el('a', { id: 'bill-notice-link', href: `/api/v1/bill-runs/${id}/notices?unit=${encodeURIComponent(unit)}` }, t('notice')));
  }

  $('#run-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#run-error').textContent = '';
    try {
      const run = await api('POST', `/api/v1/sites/${state.site.id}/bill-runs`, { from: $('#run-from').value, to: $('#run-to').value });
      location.hash = `#billing/${run.id}`;
    } catch (err) {
      if (err.message !== 'unauthorized') $('#run-error').textContent = t('failed') + err.message;
    }
  });
  $('#credit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#credit-error').textContent = '';
    try {
      await api('POST', $('#credit-form').dataset.path, { feeItem: $('#credit-fee').value, amount: $('#credit-amount').value.trim(), reason: $('#credit-reason').value.trim() });
      $('#credit-form').reset();
      renderBilling();
    } catch (err) {
      if (err.message !== 'unauthorized') $('#credit-error').textContent = t('failed') + err.message;
    }
  });
  $('#grid-form').addEventListener('submit', (e) => {
    e.preventDefault();
    runAction('POST', `/api/v1/bill-runs/${$('#grid-form').dataset.run}/grid-bill`, { amount: $('#grid-amount').value.trim(), reference: $('#grid-reference').value.trim() });
  });

  // ---- energy (能耗): losses below each incomer for a month, as a table with a bar per building, exportable ----
  const USAGE_READERS = ['admin', 'engineer', 'billing', 'manager'];

  function lastMonth() {
    const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  }

  function monthBounds(m) {
    const [y, mo] = m.split('-').map(Number);
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    return [`${m}-01`, `${next}-01`];
  }

  // ---- energy dashboard (能耗看板): today and this month against last month, a daily chart, 分项, night flow ----
  const charts = {};

  /** The site's local date as YYYY-MM-DD: a bill's, a rollup's and a person's day are the site's, whatever the browser's zone. */
  function siteToday() {
    const zone = (state.site && state.site.timeZone) || 'Asia/Shanghai';
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
  function addDays(date, n) { const d = new Date(date + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
  function monthStart(date, back) { const d = new Date(date.slice(0, 7) + '-01T00:00:00Z'); d.setUTCMonth(d.getUTCMonth() - back); return d.toISOString().slice(0, 10); }
  function minDate(a, b) { return a < b ? a : b; }

  /** An ECharts chart in {@code id}, made again when the language changes (its own texts follow the locale). */
  function chart(id) {
    const dom = document.getElementById(id);
    const locale = state.lang === 'zh-CN' ? 'ZH' : 'EN';
    if (charts[id] && (charts[id].locale !== locale || charts[id].dom !== dom || charts[id].chart.isDisposed())) { charts[id].chart.dispose(); delete charts[id]; }
    if (!charts[id]) charts[id] = { locale, dom, chart: echarts.init(dom, null, { locale, renderer: 'canvas' }) };
    return charts[id].chart;
  }
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.chart.resize()));

  async function use(params) {
    const q = new URLSearchParams(params);
    const b = $('#energy-building').value;
    if (b) q.set('building', b);
    return api('GET', `/api/v1/sites/${state.site.id}/energy/use?${q}`);
  }
  const total = (answer) => (answer.series.length ? answer.series[0].total : null);

  /** The collection rate (收缴率) of the site's latest issued period bill run, for the whole site or one building. */
  async function latestCollection(site, building) {
    // period runs only: a move-out's final bill is one occupant's, not the month's collection
    const runs = (await api('GET', `/api/v1/sites/${site}/bill-runs`)).filter(r => r.state === 'issued' && (r.kind || 'period') === 'period');
    if (!runs.length) return null;
    const run = runs.reduce((a, b) => (b.to > a.to || (b.to === a.to && b.id > a.id) ? b : a));
    const rate = await api('GET', `/api/v1/bill-runs/${run.id}/collection`);
    const row = building ? rate.buildings.find(b => b.building === building) : rate.site;
    return row ? { run, row } : null;
  }

  async function renderEnergyDashboard() {
    $('#energy-dashboard-error').textContent = '';
    const s = state.site.id;
    if (state.energyBuildingsOf !== s) {
      const buildings = await api('GET', `/api/v1/sites/${s}/buildings`);
      $('#energy-building').replaceChildren(el('option', { value: '', 'data-t': 'wholeSite' }, t('wholeSite')),
        ...buildings.map(b => el('option', { value: b.id }, label(b.nameEn, b.nameZh) || b.id)));
      state.energyBuildingsOf = s;
    }
    const medium = $('#energy-medium').value;
    const today = siteToday();
    const tomorrow = addDays(today, 1);
    const thisMonth = monthStart(today, 0);
    const lastMonthStart = monthStart(today, 1);
    // the change compares whole days: this month's up to yesterday with as many first days of last month
    const wholeDays = Number(today.slice(8, 10)) - 1;
    const sameDaysLastMonth = minDate(addDays(lastMonthStart, wholeDays), thisMonth);
    const base = { medium, by: 'site' };
    // the same whole days a year before (同比); the 29th of February has no twin and is left out of both
    const lastYearStart = monthStart(today, 12);
    const sameDaysLastYear = minDate(addDays(lastYearStart, wholeDays), monthStart(today, 11));
    const building = $('#energy-building').value;
    const [day, mtd, upToYesterday, last, lastYear, daily, alarms, collection, workOrders] = await Promise.all([
      use({ ...base, interval: 'total', from: today, to: tomorrow }),
      use({ ...base, interval: 'total', from: thisMonth, to: tomorrow }),
      wholeDays ? use({ ...base, interval: 'total', from: thisMonth, to: today }) : null,
      // by day, so that a period without a single rollup shows as unknown rather than as zero
      wholeDays ? use({ ...base, interval: 'day', from: lastMonthStart, to: sameDaysLastMonth }) : null,
      wholeDays ? use({ ...base, interval: 'day', from: lastYearStart, to: sameDaysLastYear }) : null,
      use({ ...base, interval: 'day', from: lastMonthStart, to: tomorrow }),
      api('GET', `/api/v1/sites/${s}/alarms?state=open&limit=10000`).catch(() => null),
      BILL_READERS.includes(state.me.role) ? latestCollection(s, building).catch(() => null) : null,
      WORK_READERS.includes(state.me.role) ? api('GET', `/api/v1/sites/${s}/maintenance/work-orders?state=open&limit=5000`).catch(() => null) : null]);
    const unit = daily.unit || (medium === 'water' ? 'm³' : 'kWh');
    const measured = (answer) => (answer && answer.series.length && answer.series[0].buckets.length ? answer.series[0].total : null);
    const now = upToYesterday && total(upToYesterday); const before = measured(last); const yearBefore = measured(lastYear);
    const changeOf = (was) => (now != null && was != null && Number(was) !== 0 ? (Number(now) - Number(was)) / Number(was) * 100 : null);
    const change = changeOf(before); const yearChange = changeOf(yearBefore);
    const days = wholeDays ? ` (1–${wholeDays})` : '';
    const figure = (key, value, note) => el('div', { class: 'figure', 'data-figure': key }, el('span', { class: 'what' }, t(key) + (note || '')),
      el('strong', {}, value == null ? '—' : value), ' ', el('span', { class: 'muted' }, value == null ? '' : unit));
    const changeFigure = (key, c) => el('div', { class: 'figure', 'data-figure': key }, el('span', { class: 'what' }, t(key) + days),
      el('strong', { class: 'change ' + (c == null ? '' : c > 0 ? 'up' : 'down') }, c == null ? '—' : `${c > 0 ? '+' : ''}${c.toFixed(1)} %`));
    const cards = [figure('today', total(day)), figure('monthToDate', total(mtd)), figure('lastMonthSamePeriod', before, days), changeFigure('change', change),
      figure('lastYearSamePeriod', yearBefore, days), changeFigure('yearChange', yearChange)];
    if (alarms) {
      // what is still open here, the most urgent first: the morning's other question besides use
      const open = alarms.filter(a => !building || a.building === building);
      const urgent = open.filter(a => ['life-safety', 'critical', 'major'].includes(a.priority)).length;
      cards.push(el('a', { class: 'figure', 'data-figure': 'openAlarms', href: '#alarms' }, el('span', { class: 'what' }, t('openAlarmsFigure')),
        el('strong', {}, String(open.length)), ' ', el('span', { class: 'muted' }, t('urgentAlarms').replace('{n}', urgent))));
    }
    if (workOrders) {
      // the repairs and visits still open, the overdue ones counted: the technicians' side of the morning
      const open = workOrders.filter(o => !building || o.building === building);
      const overdue = open.filter(o => o.overdue).length;
      cards.push(el('a', { class: 'figure', 'data-figure': 'openWorkOrders', href: '#orders' }, el('span', { class: 'what' }, t('openWorkOrders')),
        el('strong', {}, String(open.length)), ' ', el('span', { class: overdue ? 'error' : 'muted' }, t('overdueWorkOrders').replace('{n}', overdue))));
    }
    if (collection) {
      cards.push(el('div', { class: 'figure', 'data-figure': 'collectionRate' }, el('span', { class: 'what' }, t('collectionRate')),
        el('strong', {}, collection.row.percent == null ? '—' : `${collection.row.percent} %`), ' ',
        el('span', { class: 'muted' }, t('collectionOf').replace('{period}', `${collection.run.from} – ${collection.run.to}`)
          .replace('{paid}', collection.row.paid).replace('{charged}', collection.row.charged))));
    }
    if (medium === 'electricity') {
      // CO₂ with the factor it was counted with, its grid and year, on the figure itself
      const q = new URLSearchParams({ from: thisMonth, to: tomorrow });
      if ($('#energy-building').value) q.set('building', $('#energy-building').value);
      const co2 = await api('GET', `/api/v1/sites/${s}/energy/carbon?${q}`);
      const p = co2.parts.length ? co2.parts[co2.parts.length - 1] : null;
      cards.push(el('div', { class: 'figure', 'data-figure': 'carbon' }, el('span', { class: 'what' }, t('carbonMonth')),
        el('strong', {}, co2.kgCo2), ' ', el('span', { class: 'muted' }, 'kgCO₂'),
        p ? el('span', { class: 'factor' }, t('carbonFactor').replace('{grid}', label(p.scopeName.en, p.scopeName.zh))
          .replace('{year}', p.factorYear).replace('{factor}', p.kgPerKwh)) : ''));
    }
    $('#energy-cards').replaceChildren(...cards);
    // every unit's use this month, day by day, largest first, as a workbook from the hub
    const units = new URLSearchParams({ medium, by: 'unit', interval: 'day', from: thisMonth, to: tomorrow, format: 'xlsx' });
    if ($('#energy-building').value) units.set('building', $('#energy-building').value);
    $('#energy-units-xlsx').href = `/api/v1/sites/${s}/energy/use?${units}`;
    state.daily = { unit, medium, buckets: daily.series.length ? daily.series[0].buckets : [], thisMonth, lastMonthStart };
    const byDay = (from) => {
      const values = new Array(31).fill(null);
      state.daily.buckets.filter(b => b.start.slice(0, 7) === from.slice(0, 7)).forEach(b => { values[Number(b.start.slice(8, 10)) - 1] = Number(b.usage); });
      return values;
    };
    const c = chart('energy-daily-chart');
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { data: [t('thisMonth'), t('lastMonthSeries')] },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', name: t('dayOfMonth'), data: Array.from({ length: 31 }, (_, i) => String(i + 1)) },
      yAxis: { type: 'value', name: unit },
      series: [{ name: t('thisMonth'), type: 'bar', data: byDay(thisMonth), itemStyle: { color: '#1f5fa8' } },
        { name: t('lastMonthSeries'), type: 'line', data: byDay(lastMonthStart), itemStyle: { color: '#999' }, connectNulls: false }]
    }, true);
    await Promise.all([renderCategories(thisMonth, tomorrow), renderNightFlow(), renderBaseline(medium, thisMonth, today, wholeDays),
      renderOutliers(medium, today)]);
  }

  /** This month's whole days against the baseline of the eight weeks before, with its fit statistics. */
  async function renderBaseline(medium, from, to, wholeDays) {
    const p = $('#energy-baseline');
    if (medium !== 'electricity' || !wholeDays) { p.textContent = ''; return; }
    const q = new URLSearchParams({ from, to });
    if ($('#energy-building').value) q.set('building', $('#energy-building').value);
    const b = await api('GET', `/api/v1/sites/${state.site.id}/energy/baseline?${q}`);
    if (!b.reportingDays || b.cvRmsePercent == null) { p.textContent = t('noBaseline'); return; }
    p.textContent = t('baselineText').replace('{days}', `1–${wholeDays}`).replace('{expected}', b.expected).replace('{actual}', b.actual)
      .replace('{savings}', b.savings).replace('{percent}', b.savingsPercent).replace('{cv}', b.cvRmsePercent).replace('{nmbe}', b.nmbePercent)
      .replace('{verdict}', t(b.withinHourlyLimits ? 'withinLimits' : 'outsideLimits'));
  }

  async function renderCategories(from, to) {
    const r = await use({ medium: 'electricity', by: 'category', interval: 'total', from, to });
    state.categories = r.series;
    const c = chart('energy-category-chart');
    const rows = r.series.slice().reverse();
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 150, right: 40, top: 10, bottom: 28 },
      xAxis: { type: 'value', name: r.unit || 'kWh' },
      yAxis: { type: 'category', data: rows.map(x => t('cat.' + x.key)) },
      series: [{ type: 'bar', data: rows.map(x => Number(x.total)), itemStyle: { color: '#2e7d32' }, label: { show: true, position: 'right' } }]
    }, true);
  }

  async function renderNightFlow() {
    const b = $('#energy-building').value;
    const r = await api('GET', `/api/v1/sites/${state.site.id}/energy/night-flow?limit=20${b ? '&building=' + encodeURIComponent(b) : ''}`);
    // the whole list of the same night, not only the twenty shown
    $('#night-flow-xlsx').href = `/api/v1/sites/${state.site.id}/energy/night-flow?night=${r.night}&limit=10000&format=xlsx${b ? '&building=' + encodeURIComponent(b) : ''}`;
    const meters = r.meters;
    $('#night-flow-help').textContent = t('nightHelp').replace('{night}', r.night).replace('{suspected}', r.suspected).replace('{meters}', r.waterMeters);
    $('#night-flow tbody').replaceChildren(...(meters.length ? meters.map(m => el('tr', { 'data-meter': m.meter, class: m.suspected ? 'suspected' : '' },
      el('td', {}, m.meter), el('td', {}, m.serves || ''),
      el('td', { class: 'num' }, m.minimumLitresPerHour == null ? '—' : m.minimumLitresPerHour),
      el('td', { class: 'num' }, m.nightLitres), el('td', { class: 'num' }, `${m.flowingNightHours} / ${m.nightHours}`),
      el('td', { class: 'num' }, `${m.zeroHoursIn24h} / ${m.hoursIn24h}`),
      el('td', {}, m.suspected ? el('span', { class: 'badge leak' }, t('suspectedLeak')) : '', m.estimated ? el('span', { class: 'muted' }, ` ${t('estimatedShort')}`) : '')))
      : [el('tr', {}, el('td', { colspan: 7, class: 'empty' }, t('noWaterMeters')))]));
  }

  /** The last seven whole days' units out of the ordinary, flagged first; a row opens the unit's use and bills. */
  async function renderOutliers(medium, today) {
    const b = $('#energy-building').value;
    const from = addDays(today, -7);
    const q = new URLSearchParams({ medium, from, to: today, limit: 15 });
    if (b) q.set('building', b);
    const r = await api('GET', `/api/v1/sites/${state.site.id}/energy/outliers?${q}`);
    $('#outliers-help').textContent = t('outliersHelp').replace('{from}', from).replace('{to}', addDays(today, -1)).replace('{units}', r.units)
      .replace('{flagged}', r.flagged).replace('{median}', r.medianPerSquareMetre == null ? '—' : `${r.medianPerSquareMetre} ${r.unit}/m²`);
    const ratio = (x) => (x == null ? '—' : `${x} ×`);
    $('#outliers tbody').replaceChildren(...(r.outliers.length ? r.outliers.map(u => el('tr', { 'data-unit': u.unit, class: 'clickable' + (u.flags.length ? ' flagged' : '') },
      el('td', {}, el('button', { type: 'button', class: 'link', 'data-unit': u.unit, 'data-building': u.building }, u.unit)),
      el('td', { class: 'num' }, `${u.perDay} ${r.unit}`), el('td', { class: 'num' }, u.usualPerDay == null ? '—' : u.usualPerDay),
      el('td', { class: 'num' }, ratio(u.ownRatio)), el('td', { class: 'num' }, u.perSquareMetre == null ? '—' : u.perSquareMetre),
      el('td', { class: 'num' }, ratio(u.peerRatio)),
      el('td', {}, ...u.flags.map(f => el('span', { class: 'badge ' + (f.startsWith('above') ? 'leak' : '') }, t('flag.' + f))))))
      : [el('tr', {}, el('td', { colspan: 7, class: 'empty' }, t('noOutliers')))]));
  }

  /** One unit's daily use over 90 days, and its bills for those who may read bills. */
  async function renderEnergyUnit(unit, building) {
    const medium = $('#energy-medium').value;
    const today = siteToday();
    const from = addDays(today, -90);
    const q = new URLSearchParams({ medium, by: 'unit', interval: 'day', from, to: addDays(today, 1), building });
    const [r, statement] = await Promise.all([api('GET', `/api/v1/sites/${state.site.id}/energy/use?${q}`),
      BILL_READERS.includes(state.me.role) ? api('GET', `/api/v1/sites/${state.site.id}/units/${encodeURIComponent(unit)}/statement`).catch(() => null) : null]);
    const series = r.series.find(x => x.key === unit);
    const section = $('#energy-unit');
    section.hidden = false;
    section.dataset.unit = unit;
    $('#energy-unit-title').textContent = t('unitUseTitle').replace('{unit}', unit);
    const days = []; for (let d = from; d <= today; d = addDays(d, 1)) days.push(d);
    const byDay = new Map((series ? series.buckets : []).map(x => [x.start.slice(0, 10), Number(x.usage)]));
    chart('energy-unit-chart').setOption({
      animation: false,
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 56, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: days.map(d => d.slice(5)) },
      yAxis: { type: 'value', name: r.unit },
      series: [{ type: 'bar', data: days.map(d => (byDay.has(d) ? byDay.get(d) : null)), itemStyle: { color: '#1f5fa8' } }]
    }, true);
    const items = statement ? statement.items.slice().sort((a, b) => (b.periodFrom > a.periodFrom ? 1 : b.periodFrom < a.periodFrom ? -1 : 0)).slice(0, 24) : [];
    $('#energy-unit-bills-part').hidden = !statement;
    $('#energy-unit-bills tbody').replaceChildren(...items.map(i => el('tr', {}, el('td', {}, `${i.periodFrom} – ${i.periodTo}`), el('td', {}, i.feeName || i.feeItem),
      el('td', { class: 'num' }, i.billed), el('td', { class: 'num' }, i.paid), el('td', { class: 'num' }, i.owed))));
    section.scrollIntoView();
  }

  function download(href, name) {
    const a = el('a', { href, download: name });
    document.body.append(a); a.click(); a.remove();
  }

  function dailyCsv() {
    const d = state.daily;
    if (!d) return;
    const rows = [['day', 'usage', 'unit', 'estimated']].concat(d.buckets.map(b => [b.start, b.usage, d.unit, b.estimated]));
    const blob = new Blob(['\ufeff' + rows.map(r => r.join(',')).join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    download(URL.createObjectURL(blob), `daily-${d.medium}-${state.site.id}-${$('#energy-building').value || 'site'}-${d.thisMonth.slice(0, 7)}.csv`);
  }

  $('#outliers').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-unit]');
    if (b) renderEnergyUnit(b.dataset.unit, b.dataset.building).catch(err => { $('#energy-dashboard-error').textContent = t('failed') + err.message; });
  });
  $('#energy-unit-png').addEventListener('click', () => download(chart('energy-unit-chart').getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
    `unit-${$('#energy-unit').dataset.unit}-${$('#energy-medium').value}.png`));
  $('#energy-daily-png').addEventListener('click', () => download(chart('energy-daily-chart').getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
    `daily-${$('#energy-medium').value}-${state.site.id}.png`));
  $('#energy-category-png').addEventListener('click', () => download(chart('energy-category-chart').getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
    `categories-${state.site.id}.png`));
  $('#energy-daily-csv').addEventListener('click', () => dailyCsv());
  $('#energy-medium').addEventListener('change', () => renderEnergy());
  $('#energy-building').addEventListener('change', () => renderEnergy());

  async function renderEnergy() {
    if (state.site) {
      try {
        await renderEnergyDashboard();
      } catch (e) {
        if (e.message !== 'unauthorized') $('#energy-dashboard-error').textContent = t('failed') + e.message;
      }
    }
    await renderLosses();
  }

  async function renderLosses() {
    if (!$('#energy-month').value) $('#energy-month').value = lastMonth();
    $('#energy-error').textContent = '';
    if (!state.site) return;
    const [from, to] = monthBounds($('#energy-month').value);
    try {
      $('#energy-losses-xlsx').href = `/api/v1/sites/${state.site.id}/energy/losses?from=${from}&to=${to}&format=xlsx`;
      const r = await api('GET', `/api/v1/sites/${state.site.id}/energy/losses?from=${from}&to=${to}`);
      state.losses = r.losses;
      const maxShare = Math.max(6, ...r.losses.map(l => Number(l.percent) || 0));
      $('#losses tbody').replaceChildren(...(r.losses.length ? r.losses.map(l => el('tr', { 'data-meter': l.meter },
        el('td', {}, l.meter, l.estimated ? el('span', { class: 'muted' }, ` · ${t('estimatedMark')}`) : ''),
        el('td', { class: 'num' }, l.upstream == null ? '—' : `${l.upstream} ${l.unit || ''}`),
        el('td', { class: 'num' }, `${l.subMeters} ${l.unit || ''}`),
        el('td', { class: 'num' }, l.loss == null ? '—' : `${l.loss} ${l.unit || ''}`),
        el('td', {}, l.percent == null ? el('span', { class: 'error' }, t('unreadMeters') + l.unread.map(u => u.meter).join(', '))
          : el('span', { class: 'share' }, bar(Math.max(0, Number(l.percent)) / maxShare * 100), el('span', { class: 'share-text' }, `${l.percent} %`)))))
        : [el('tr', {}, el('td', { colspan: 5, class: 'empty' }, t('noTree')))]));
    } catch (e) {
      if (e.message !== 'unauthorized') $('#energy-error').textContent = t('failed') + e.message;
    }
  }

  /** A bar of the given width in %; set through the CSSOM, which the console's CSP (style-src 'self') allows. */
  function bar(widthPercent) {
    const b = el('span', { class: 'bar' });
    b.style.width = `${widthPercent.toFixed(1)}%`;
    return b;
  }

  function lossesCsv() {
    const cell = v => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const rows = [['meter', 'unit', 'upstream', 'subMeters', 'loss', 'percent', 'estimated', 'unread']]
      .concat((state.losses || []).map(l => [l.meter, l.unit, l.upstream, l.subMeters, l.loss, l.percent, l.estimated, l.unread.map(u => u.meter).join(' ')]));
    const blob = new Blob(['\ufeff' + rows.map(r => r.map(cell).join(',')).join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `losses-${state.site.id}-${$('#energy-month').value}.csv` });
    document.body.append(a); a.click(); a.remove();
  }

  $('#energy-form').addEventListener('submit', (e) => { e.preventDefault(); renderLosses(); });
  $('#energy-csv').addEventListener('click', () => lossesCsv());

  // ---- collections (收费台): find a unit by room or payer, see what it owes, take a payment, print the receipt; arrears with reminders ----
  const clerk = () => ['admin', 'billing'].includes(state.me.role);

  async function renderCollect() {
    const m = location.hash.match(/^#collect(?:\/(.+))?$/);
    const unit = m && m[1] ? decodeURIComponent(m[1]) : null;
    $('#unit-view').hidden = unit === null;
    $('#arrears').hidden = unit !== null;
    $('#collect-error').textContent = '';
    document.querySelectorAll('#pay-method option').forEach(o => { o.textContent = t('pay.' + o.value); });
    if (!state.site) return;
    try {
      const accounts = await api('GET', `/api/v1/sites/${state.site.id}/billing-accounts`);
      state.accounts = accounts;
      $('#unit-options').replaceChildren(...accounts.map(a => el('option', { value: a.unit }, a.payer)));
      if (unit === null) await renderArrears(); else await renderUnit(unit);
    } catch (e) {
      if (e.message !== 'unauthorized') $('#collect-error').textContent = t('failed') + e.message;
    }
  }

  async function renderArrears() {
    const site = state.site.id;
    const [a, sent] = await Promise.all([api('GET', `/api/v1/sites/${site}/arrears`), api('GET', `/api/v1/sites/${site}/reminders?limit=5000`)]);
    const last = {};
    sent.forEach(r => { if (!last[r.unit]) last[r.unit] = r; });
    $('#arrears-total').textContent = `${a.units.length} · ${money(a.site.total)} ${t('yuan')}`;
    $('#arrears-xlsx').setAttribute('href', `/api/v1/sites/${site}/arrears?format=xlsx`);
    $('#send-reminders').hidden = !clerk();
    $('#arrears-list tbody').replaceChildren(...(a.units.length ? a.units.map(r => el('tr', { 'data-unit': r.unit },
      el('td', {}, el('a', { href: `#collect/${encodeURIComponent(r.unit)}` }, r.unit)), el('td', {}, r.payer || ''),
      ...r.bands.map(b => el('td', { class: 'num' }, Number(b) ? money(b) : '')), el('td', { class: 'num' }, el('b', {}, money(r.total))),
      el('td', { class: 'reminded' }, last[r.unit] ? `${time(last[r.unit].sentAt)} ${last[r.unit].channel} ${last[r.unit].delivered ? t('delivered') : t('notDelivered')}` : '')))
      : [el('tr', {}, el('td', { colspan: 9, class: 'empty' }, t('noArrears')))]));
  }

  async function renderUnit(unit) {
    const site = state.site.id;
    const path = `/api/v1/sites/${site}/units/${encodeURIComponent(unit)}`;
    const [s, sent] = await Promise.all([api('GET', `${path}/statement`), api('GET', `/api/v1/sites/${site}/reminders?unit=${encodeURIComponent(unit)}&limit=20`)]);
    const account = (state.accounts || []).find(a => a.unit === unit);
    $('#unit-title').textContent = `${unit}${account ? ' · ' + account.payer : ''}`;
    const balance = Number(s.balance);
    $('#unit-balance').replaceChildren(el('b', { class: balance > 0 ? 'error' : '' }, balance > 0 ? t('owes') + money(s.balance) + ' ' + t('yuan')
      : balance < 0 ? t('prepaidLeft') + money(-balance) + ' ' + t('yuan') : t('settled')),
      Number(s.lateFeesDue) > 0 ? ` · ${t('lateFee')} ${money(s.lateFeesDue)} ${t('yuan')}` : '');
    const late = {};
    // what a late fee has accrued and no bill has charged yet (a charged one is an open item of its own)
    (s.lateFees || []).forEach(f => { late[f.billId + '/' + f.feeItem] = Math.max(0, Number(f.amount) - Number(f.waived) - Number(f.charged || 0)); });
    const open = s.items.filter(i => Number(i.owed) > 0);
    $('#open-items tbody').replaceChildren(...open.map(i => el('tr', { 'data-bill': i.billId },
      el('td', {}, `${day(i.periodFrom)} – ${lastDay(i.periodTo)}`), el('td', {}, i.feeName || i.feeItem), el('td', {}, i.dueOn || ''),
      el('td', { class: 'num' }, money(i.owed)), el('td', { class: 'num' }, late[i.billId + '/' + i.feeItem] ? money(late[i.billId + '/' + i.feeItem]) : ''))));
    $('#payment-form').hidden = !clerk();
    $('#payment-form').dataset.path = `${path}/payments`;
    if (!$('#pay-amount').value && balance > 0) $('#pay-amount').value = Number(s.balance).toFixed(2);
    $('#statement tbody').replaceChildren(...s.entries.slice(-12).reverse().map(e => el('tr', {},
      el('td', {}, time(e.at)), el('td', {}, t('entry.' + e.kind) + (e.reference ? ' ' + e.reference : '') + (e.text ? ' · ' + e.text : '')),
      el('td', { class: 'num' }, money(e.amount)), el('td', { class: 'num' }, money(e.balance)))));
    $('#contact-form').hidden = !clerk();
    $('#move-out-form').hidden = !clerk();
    $('#contact-form').dataset.path = `${path}/contact`;
    $('#move-out-form').dataset.path = `${path}/move-outs`;
    const contact = await api('GET', `${path}/contact`).catch(() => null);
    if (contact && $('#contact-form').dataset.unit !== unit) {
      $('#contact-phone').value = contact.phone || '';
      $('#contact-email').value = contact.email || '';
      $('#contact-language').value = contact.language || 'zh';
      $('#contact-opt-out').checked = !!contact.optedOutAt;
      $('#contact-note').value = contact.optOutNote || '';
    } else if (!contact && $('#contact-form').dataset.unit !== unit) {
      $('#contact-form').reset();
    }
    $('#contact-form').dataset.unit = unit;
    $('#unit-reminders').replaceChildren(...(sent.length ? sent.map(r => el('li', {}, `${time(r.sentAt)} ${r.channel} ${r.address} ¥${money(r.amount)} · `
      + (r.delivered ? t('delivered') : t('notDelivered') + ' (' + r.detail + ')'))) : [el('li', { class: 'muted' }, t('noReminders'))]));
  }

  $('#unit-search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('#unit-search').value.trim();
    const a = (state.accounts || []).find(x => x.unit === q) || (state.accounts || []).find(x => x.payer === q)
      || (state.accounts || []).find(x => x.unit.includes(q) || x.payer.includes(q));
    if (!a) { $('#collect-error').textContent = t('noSuchUnit') + q; return; }
    $('#pay-amount').value = '';
    $('#pay-done').hidden = true;
    location.hash = `#collect/${encodeURIComponent(a.unit)}`;
  });
  $('#payment-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#pay-error').textContent = '';
    const body = { amount: $('#pay-amount').value.trim(), method: $('#pay-method').value };
    if ($('#pay-reference').value.trim()) body.reference = $('#pay-reference').value.trim();
    try {
      const p = await api('POST', $('#payment-form').dataset.path, body);
      $('#payment-form').reset();
      const done = $('#pay-done');
      done.replaceChildren(t('receiptNo') + p.receiptNo + ' · ' + money(p.amount) + ' ' + t('yuan') + ' · ',
        el('a', { id: 'receipt-link', href: `/api/v1/payments/${p.id}/receipt`, target: '_blank' }, t('receiptPdf')));
      done.hidden = false;
      renderCollect();
    } catch (err) {
      if (err.message !== 'unauthorized') $('#pay-error').textContent = t('failed') + err.message;
    }
  });
  $('#contact-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#contact-error').textContent = '';
    $('#contact-error').className = 'error';
    const body = { language: $('#contact-language').value, optOut: $('#contact-opt-out').checked };
    if ($('#contact-phone').value.trim()) body.phone = $('#contact-phone').value.trim();
    if ($('#contact-email').value.trim()) body.email = $('#contact-email').value.trim();
    if ($('#contact-note').value.trim()) body.note = $('#contact-note').value.trim();
    try {
      await api('PUT', $('#contact-form').dataset.path, body);
      $('#contact-error').textContent = t('saved');
      $('#contact-error').className = 'ok';
    } catch (err) {
      if (err.message !== 'unauthorized') $('#contact-error').textContent = t('failed') + err.message;
    }
  });
  $('#move-out-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#move-out-error').textContent = '';
    try {
      // datetime-local is the site's local time, which the API reads in the site's zone
      const r = await api('POST', $('#move-out-form').dataset.path, { at: $('#move-out-at').value,
        arriving: { payer: $('#move-out-payer').value.trim(), persons: Number($('#move-out-persons').value) } });
      $('#move-out-form').reset();
      const done = $('#move-out-done');
      done.replaceChildren(t('finalBill') + money(r.finalBill.total) + ' ' + t('yuan') + ' · ',
        el('a', { id: 'handover-link', href: `/api/v1/move-outs/${r.moveOut.id}/handover`, target: '_blank' }, t('handover')));
      done.hidden = false;
      $('#contact-form').dataset.unit = '';
      renderCollect();
    } catch (err) {
      if (err.message !== 'unauthorized') $('#move-out-error').textContent = t('failed') + err.message;
    }
  });
  $('#send-reminders').addEventListener('click', async () => {
    try {
      const sent = await api('POST', `/api/v1/sites/${state.site.id}/reminders/send`, {});
      $('#reminders-sent').textContent = t('sent') + sent.length;
      renderCollect();
    } catch (err) {
      if (err.message !== 'unauthorized') $('#reminders-sent').textContent = t('failed') + err.message;
    }
  });

  $('#login-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('#login-username').value.trim(), $('#login-password').value); });
  // ----- maintenance: a technician's orders at phone width, a supervisor's board and the plans' calendar -----
  const WORK_READERS = ['admin', 'technician', 'supervisor', 'engineer', 'manager', 'operator'];
  const WORK_DOERS = ['admin', 'technician', 'supervisor'];
  const WORK_SUPERVISORS = ['admin', 'supervisor'];
  const WORK_REPORTERS = ['admin', 'operator', 'technician', 'supervisor', 'manager'];
  const WORK_KPI_READERS = ['admin', 'supervisor', 'engineer', 'manager'];
  const BOARD_STATES = ['open', 'assigned', 'in-progress', 'on-hold', 'done'];
  const woPath = (rest) => `/api/v1/sites/${state.site.id}/maintenance${rest}`;

  function woCard(o, ...extra) {
    const place = o.equipment || o.location || '';
    return el('li', { class: 'wo-card' + (o.overdue ? ' overdue' : ''), 'data-order': String(o.id), 'data-state': o.state },
      el('a', { href: `#order/${o.id}` }, el('strong', {}, `#${o.id} ` + label(o.titleEn, o.titleZh))),
      el('div', { class: 'wo-meta' }, el('span', { class: 'badge wo-' + o.priority }, t('woPriority.' + o.priority)), ' ',
        el('span', { class: 'wo-state' }, t('woState.' + o.state)), place ? ' · ' + place : '', o.assignee ? ' · ' + o.assignee : ''),
      o.deadline ? el('div', { class: o.overdue ? 'error wo-deadline' : 'muted wo-deadline' }, (o.overdue ? t('woOverdue') : t('woDue')) + time(o.deadline)) : '',
      ...extra);
  }

  async function woStep(order, step, body) {
    try {
      await api('POST', woPath(`/work-orders/${order}/${step}`), body || {});
    } catch (e) {
      if (e.message !== 'unauthorized') $('#wo-error').textContent = t('failed') + e.message;
      return false;
    }
    return true;
  }

  async function renderOrders() {
    $('#wo-error').textContent = '';
    const m = location.hash.match(/^#order\/(\d+)$/);
    $('#wo-lists').hidden = !!m;
    $('#wo-detail').hidden = !m;
    try {
      if (m) { await renderOrder(m[1]); return; }
      const role = state.me.role;
      const doer = role === 'technician';
      $('#wo-mine').hidden = !doer; $('#wo-pool').hidden = !doer; $('#wo-board').hidden = doer;
      if (doer) {
        const [mine, open] = await Promise.all([api('GET', woPath('/work-orders?state=open&assignee=me')), api('GET', woPath('/work-orders?state=open'))]);
        $('#wo-mine-list').replaceChildren(...(mine.length ? mine.map(o => woCard(o)) : [el('li', { class: 'empty' }, t('woNone'))]));
        const pool = open.filter(o => o.state === 'open' && !o.assignee);
        $('#wo-pool-list').replaceChildren(...(pool.length ? pool.map(o => woCard(o, el('button', { type: 'button', class: 'primary wo-grab',
          onclick: async () => { if (await woStep(o.id, 'grab')) renderOrders(); } }, t('woGrab')))) : [el('li', { class: 'empty' }, t('woNone'))]));
      } else {
        const all = await api('GET', woPath('/work-orders?state=open,done&limit=500'));
        $('#wo-columns').replaceChildren(...BOARD_STATES.map(st => {
          const here = all.filter(o => o.state === st);
          return el('section', { class: 'wo-column', 'data-column': st }, el('h3', {}, t('woState.' + st), el('span', { class: 'count' }, ` ${here.length}`)),
            el('ul', { class: 'wo-list' }, ...here.map(o => woCard(o, ...woBoardActions(o)))));
        }));
      }
      const today = siteToday();
      $('#wo-report').hidden = !WORK_REPORTERS.includes(role);
      $('#wo-kpis').hidden = !WORK_KPI_READERS.includes(role);
      if (WORK_KPI_READERS.includes(role)) {
        const q = `/kpis?from=${addDays(today, -30)}&to=${addDays(today, 1)}&by=building`;
        const k = await api('GET', woPath(q));
        const pct = (v) => (v == null ? '—' : `${v} %`);
        $('#wo-kpi-list tbody').replaceChildren(...k.groups.map(g => el('tr', { 'data-group': g.group },
          el('td', {}, g.group === '-' ? t('woNoBuilding') : g.group), el('td', {}, g.mtbfHours == null ? '—' : g.mtbfHours), el('td', {}, g.mttrHours == null ? '—' : g.mttrHours),
          el('td', {}, pct(g.pmCompliance)), el('td', {}, String(g.backlog)), el('td', {}, `${g.responseBreaches}/${g.resolutionBreaches}`),
          el('td', {}, pct(g.firstTimeFixRate)))));
        $('#wo-kpi-xlsx').href = woPath(q + '&format=xlsx');
      }
      const visits = await api('GET', woPath(`/calendar?from=${today}&to=${addDays(today, 31)}`));
      $('#wo-calendar-list tbody').replaceChildren(...visits.map(v => el('tr', { 'data-plan': v.plan, 'data-date': v.date },
        el('td', {}, v.date), el('td', {}, v.equipment || ''), el('td', {}, v.order ? el('a', { href: `#order/${v.order}` }, label(v.titleEn, v.titleZh)) : label(v.titleEn, v.titleZh)),
        el('td', {}, t('woState.' + v.state)))));
    } catch (e) {
      if (e.message !== 'unauthorized') $('#wo-error').textContent = t('failed') + e.message;
    }
  }

  function woBoardActions(o) {
    if (!WORK_SUPERVISORS.includes(state.me.role)) return [];
    if (o.state === 'open' || o.state === 'assigned') {
      const who = el('input', { type: 'text', class: 'wo-assignee', placeholder: t('woAssignee'), maxlength: '100' });
      return [el('div', { class: 'actions' }, who, el('button', { type: 'button', class: 'wo-assign',
        onclick: async () => { if (who.value && await woStep(o.id, 'assign', { assignee: who.value })) renderOrders(); } }, t('woAssign')))];
    }
    if (o.state === 'done') {
      return [el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary wo-verify', onclick: async () => { if (await woStep(o.id, 'verify', { accepted: true })) renderOrders(); } }, t('woVerify')),
        el('button', { type: 'button', class: 'wo-send-back', onclick: async () => { if (await woStep(o.id, 'verify', { accepted: false })) renderOrders(); } }, t('woSendBack')))];
    }
    return [];
  }

  async function renderOrder(id) {
    const o = await api('GET', woPath(`/work-orders/${id}`));
    const doer = WORK_DOERS.includes(state.me.role);
    const again = () => renderOrders();
    const step = (name, cls, body) => el('button', { type: 'button', class: cls, 'data-step': name,
      onclick: async () => { if (await woStep(o.id, name, typeof body === 'function' ? body() : body)) again(); } }, t(
        { grab: 'woGrab', start: 'woStart', hold: 'woHold', resume: 'woResume', done: 'woDone' }[name]));
    const labour = el('input', { type: 'number', id: 'wo-labour', min: '0', max: '100000', value: String(o.labourMinutes || '') });
    const actions = [];
    if (doer && o.state === 'open') actions.push(step('grab', 'primary'), step('start', ''));
    if (doer && o.state === 'assigned') actions.push(step('start', 'primary'));
    if (doer && o.state === 'in-progress') actions.push(step('hold', ''), el('label', { class: 'wo-labour' }, t('woLabour'), ' ', labour),
      step('done', 'primary', () => ({ labourMinutes: Number(labour.value || 0) })));
    if (doer && o.state === 'on-hold') actions.push(step('resume', 'primary'));
    if (WORK_SUPERVISORS.includes(state.me.role) && o.state === 'done') actions.push(...woBoardActions(o));
    const facts = [[t('woEquipment'), o.equipment], [t('woLocation'), o.location], [t('woDescription'), o.description],
      [t('woReporter'), o.reporter && `${o.reporter} ${o.contact || ''}`], [t('woOccurrences'), o.alarmType ? String(o.occurrences) : null]]
      .filter(f => f[1]).map(f => el('div', {}, el('span', { class: 'muted' }, f[0] + (state.lang === 'zh-CN' ? '：' : ': ')), f[1]));
    const answering = doer && o.state === 'in-progress';
    const items = o.checklist.map((it, i) => woItem(o, it, i, answering));
    const photoInput = el('input', { type: 'file', id: 'wo-photo', accept: 'image/*', capture: 'environment' });
    photoInput.addEventListener('change', async () => {
      if (!photoInput.files[0]) return;
      try { await woUploadPhoto(o.id, null, photoInput.files[0]); again(); } catch (e) { $('#wo-error').textContent = t('failed') + e.message; }
    });
    $('#wo-detail-body').replaceChildren(
      el('div', { class: 'wo-head' }, el('h2', {}, `#${o.id} ` + label(o.titleEn, o.titleZh)),
        el('div', { class: 'wo-meta' }, el('span', { class: 'badge wo-' + o.priority }, t('woPriority.' + o.priority)), ' ',
          el('strong', { id: 'wo-state', 'data-state': o.state }, t('woState.' + o.state)), o.assignee ? ' · ' + o.assignee : ''),
        o.deadline ? el('div', { class: o.overdue ? 'error' : 'muted' }, (o.overdue ? t('woOverdue') : t('woDue')) + time(o.deadline)) : ''),
      el('div', { class: 'wo-facts' }, ...facts),
      el('div', { class: 'actions wo-actions' }, ...actions),
      o.checklist.length ? el('h3', {}, t('woChecklist'), el('span', { class: 'count' }, ` ${o.checklist.filter(x => x.answer != null).length}/${o.checklist.length}`)) : '',
      o.checklist.length ? el('ol', { id: 'wo-items', class: 'wo-items' }, ...items) : '',
      el('h3', {}, t('woPhotos')),
      el('div', { class: 'wo-photos' }, ...o.photos.map(p => el('img', { src: woPath(`/work-orders/${o.id}/photos/${p.id}`), alt: `#${p.id}`, 'data-photo': String(p.id) }))),
      doer && !['closed', 'cancelled', 'missed'].includes(o.state) ? el('label', { class: 'button wo-photo-button' }, t('woPhoto'), photoInput) : '',
      el('h3', {}, t('woHistory')),
      el('ul', { class: 'wo-history muted' }, ...o.events.map(e => el('li', {}, `${time(e.at)} ${e.by} · ${e.to ? t('woState.' + e.to) : e.what}`))));
  }

  function woItem(o, it, i, answering) {
    const limits = it.type === 'number' && (it.min != null || it.max != null)
      ? ` (${t('woLimits')} ${it.min != null ? it.min : '…'}–${it.max != null ? it.max : '…'}${it.unit ? ' ' + it.unit : ''})` : (it.unit ? ` (${it.unit})` : '');
    const head = el('div', {}, el('span', { class: 'muted' }, it.code + ' '), label(it.textEn, it.textZh), limits);
    const shown = it.answer != null ? el('div', { class: it.ok === false ? 'error wo-answer' : 'ok wo-answer' },
      `${t('woAnswered')}${state.lang === 'zh-CN' ? '：' : ': '}${it.type === 'pass-fail' ? (it.answer === 'pass' ? t('woPass') : t('woFail')) : it.answer}${it.ok === false ? ' · ' + t('woNotOk') : ''}`
      + (it.followUp ? ` → #${it.followUp}` : '')) : '';
    const answer = async (value, followUp) => {
      try { await api('POST', woPath(`/work-orders/${o.id}/answers`), { item: i, answer: String(value), followUp: !!followUp }); renderOrders(); }
      catch (e) { if (e.message !== 'unauthorized') $('#wo-error').textContent = t('failed') + e.message; }
    };
    if (!answering) return el('li', { 'data-item': String(i), 'data-code': it.code }, head, shown);
    let control;
    if (it.type === 'pass-fail') {
      const follow = el('input', { type: 'checkbox', class: 'wo-follow-up' });
      control = el('div', { class: 'actions' }, el('button', { type: 'button', class: 'wo-pass', onclick: () => answer('pass') }, t('woPass')),
        el('button', { type: 'button', class: 'wo-fail', onclick: () => answer('fail', follow.checked) }, t('woFail')),
        el('label', { class: 'muted' }, follow, ' ', t('woFollowUp')));
    } else if (it.type === 'photo') {
      const file = el('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'wo-item-photo' });
      file.addEventListener('change', async () => {
        try { const id = await woUploadPhoto(o.id, i, file.files[0]); await answer(id); } catch (e) { $('#wo-error').textContent = t('failed') + e.message; }
      });
      control = el('label', { class: 'button' }, t('woPhoto'), file);
    } else {
      const input = el('input', { type: it.type === 'number' ? 'number' : 'text', step: 'any', class: 'wo-value', value: it.answer || '' });
      const follow = el('input', { type: 'checkbox', class: 'wo-follow-up' });
      control = el('div', { class: 'actions' }, input, el('button', { type: 'button', class: 'wo-save', onclick: () => answer(input.value, follow.checked) }, t('woSave')),
        it.type === 'number' ? el('label', { class: 'muted' }, follow, ' ', t('woFollowUp')) : '');
    }
    return el('li', { 'data-item': String(i), 'data-code': it.code }, head, shown, control);
  }

  // a phone's photo is several megabytes: scaled to 1600 px and sent as JPEG, which is plenty to show a gauge or a label
  async function woScaled(file) {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale)); canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  }

  async function woReport() {
    $('#wo-report-error').textContent = ''; $('#wo-report-ok').textContent = '';
    const photos = [];
    for (const f of $('#wo-report-photos').files) {
      const blob = await woScaled(f);
      photos.push(await new Promise(resolve => { const r = new FileReader(); r.onload = () => resolve(r.result); r.readAsDataURL(blob); }));
    }
    const body = { location: $('#wo-report-location').value, description: $('#wo-report-description').value, photos };
    if ($('#wo-report-reporter').value) body.reporter = $('#wo-report-reporter').value;
    if ($('#wo-report-contact').value) body.contact = $('#wo-report-contact').value;
    try {
      const o = await api('POST', woPath('/reports'), body);
      $('#wo-report-ok').textContent = t('woReported') + o.id;
      $('#wo-report-form').reset();
      renderOrders();
    } catch (e) {
      if (e.message !== 'unauthorized') $('#wo-report-error').textContent = t('failed') + e.message;
    }
  }

  async function woUploadPhoto(order, item, file) {
    const blob = await woScaled(file);
    const r = await fetch(woPath(`/work-orders/${order}/photos` + (item == null ? '' : `?item=${item}`)), { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'image/jpeg', 'X-CSRF-Token': state.csrf }, body: blob });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.detail || r.statusText);
    return data.photo;
  }

  $('#password-form').addEventListener('submit', (e) => { e.preventDefault(); changePassword(); });
  $('#wo-report-form').addEventListener('submit', (e) => { e.preventDefault(); woReport(); });
  $('#lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem('lintel.lang', state.lang);
    translate();
    ['#account-error', '#token-error'].forEach(id => { $(id).textContent = ''; });
    if (state.admin) renderAdmin(); else if (state.billing) renderBilling(); else if (state.collect) renderCollect();
    else if (state.energy) renderEnergy(); else if (state.orders) renderOrders(); else refresh();
  });
  $('#logout').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', route);
  $('#device-back').addEventListener('click', () => { location.hash = ''; });
  $('#site').addEventListener('change', (e) => {
    state.site = state.sites.find(s => s.id === e.target.value); state.building = null;
    if (state.billing) { if (location.hash !== '#billing') location.hash = '#billing'; else renderBilling(); }
    else if (state.collect) { if (location.hash !== '#collect') location.hash = '#collect'; else renderCollect(); }
    else if (state.energy) renderEnergy(); else if (state.orders) renderOrders(); else refresh();
  });
  translate();
  // a reload keeps the session (the cookie); its CSRF token comes back from the hub
  fetch('/api/v1/session', { credentials: 'same-origin' }).then(r => (r.ok ? r.json() : null))
    .then(me => (me ? started(me) : showLogin(''))).catch(() => showLogin(''));
})();
