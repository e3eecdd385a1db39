// Chinese first, English on request; every visible text of the pages is here.
export const TEXT = {
  zh: {
    appName: 'CivicLine 市民服务热线', signIn: '登录', username: '工号 / 用户名', password: '密码', signOut: '退出',
    ready: '就绪', break: '小休', offline: '签出', presence: '状态', accept: '接听', reject: '拒绝',
    waited: '已等待', seconds: '秒', incoming: '来电 / 新联系', currentContacts: '当前联系', finish: '结束',
    none: '暂无', caseForm: '工单登记', category: '诉求分类', description: '诉求内容', address: '地址',
    priority: '紧急程度', createCase: '登记工单', dispatch: '派遣承办单位', resolve: '直接办结', caseCreated: '已登记工单',
    reason: '原因', meal: '用餐', training: '培训', meeting: '会议', rest: '休息', wrapUp: '话后处理',
    wallboard: '值班长监控大屏', waiting: '排队', longestWait: '最长等待', agents: '坐席', offers: '振铃中',
    alarms: '一键通告警', serviceLevel: '服务水平', answered: '接通', abandoned: '放弃', asa: '平均应答',
    arrivals: '今日来话 (每15分钟)', setAway: '置离开', agent: '坐席', since: '起始', holding: '处理中',
    callbackReached: '已接通', callbackNoAnswer: '无人接听', callbackBusy: '忙', callbackWrong: '号码错误',
    callback: '回拨任务', language: 'English', alerts: '告警',
    workerApp: '网格员', onDuty: '在岗', connecting: '连接中', online: '在线', noTasks: '暂无任务',
    offlineKept: '网络不佳，操作已保存，恢复后自动发送', caseNo: '工单', acceptBy: '请在此前接单', waitingToSend: '待发送',
    allSent: '已全部发送', rejectReason: '拒绝原因（必填）', acceptTask: '接单', rejectTask: '拒绝', arrived: '已到达',
    longitude: '经度', latitude: '纬度', useTyped: '按此位置报到', gpsDenied: '无法获取定位，请输入所在位置的经纬度',
    badNumber: '请输入有效的度数', required: '必填', handleNote: '处置情况（必填）', finishTask: '处置完成并办结',
    navigate: '导航', webMap: '高德地图', takePhoto: '拍照上传', photo: '照片', photoUnreadable: '无法读取该照片',
    STAGE_OFFERED: '待接单', STAGE_ACCEPTED: '已接单', STAGE_ARRIVED: '已到场', STAGE_HANDLED: '已处置',
    STAGE_FINISHED: '已办结', STAGE_REJECTED: '已拒绝', STEP_accept: '接单', STEP_reject: '拒绝', STEP_arrive: '到场',
    STEP_handle: '处置', STEP_finish: '办结',
    caseActions: '工单去向', resolveAnswer: '答复内容', department: '承办单位', departmentHint: '留空则按诉求分类派遣',
    dispatchGrid: '派遣网格', mapPoint: '地图位置（经度, 纬度，可选）', gridFound: '所属网格', gridTask: '网格任务',
    caseResolved: '已直接办结', caseDispatched: '已派遣至', locate: '查找网格',
    // Desk: the resident on the line and the case form's helpers (category picker, similar cases, knowledge base).
    residentPanel: '来电市民', repeatCaller: '重复来电', earlierContactsOf: '此前联系', casesOf: '历史工单',
    noHistory: '无此前联系记录', firstContact: '首次联系', contactsIn30Days: '30 天内联系', times: '次',
    openCase: '未办结', elderlyProfile: '老人档案', age: '年龄', years: '岁', healthNotes: '健康情况',
    emergencyContacts: '紧急联系人', openAlarms: '未结束的一键通告警', noOpenAlarms: '无未结束的告警',
    noProfile: '未登记一键通设备', when: '时间', channel: '渠道', state: '状态', close: '关闭',
    categoryHint: '输入拼音首字母、汉字或编码，如 ld / 路灯 / 0102', noCategory: '没有匹配的分类',
    similarCases: '相似工单', similarHint: '选择分类、填写地址或内容后显示', noSimilar: '未发现相似工单',
    near: '附近同类', sameText: '内容相近', meters: '米', mergeInto: '合并到此', merged: '已合并至',
    mergeReason: '重复诉求，与工单内容相同', knowledge: '知识库', kbHint: '搜索知识库，如 社保卡补办',
    kbNone: '知识库中没有找到', toAnswer: '填入答复', toDescription: '填入诉求', copied: '已填入',
    placeFound: '地址所属网格', placeUnknown: '地址库中未找到该地址', loading: '加载中', residentName: '姓名',
    repeatMany: '30 天内第 {n} 次联系', repeatOpen: '30 天内第 {n} 次联系，工单 {case} 尚未办结',
    // Department page, wallboard map and overdue list.
    deptDesk: '承办单位工作台', refresh: '刷新', caseNumber: '工单编号', caseState: '办理状态', deadline: '办理时限',
    flags: '提示', reminded: '催办', supervised: '督办', extensionPending: '延期待批', returned: '退回',
    acceptCase: '签收', feedback: '办理反馈', feedbackText: '办理结果', publicReply: '答复市民 (市民可见)',
    extension: '申请延期', extensionDays: '延期天数 (工作日, 每日 8 个工作小时)', returnCase: '退回',
    returnReason: '退回原因', submit: '提交', noCases: '暂无待办工单', overdue: '已超期', remaining: '剩余', hours: '小时',
    selectCase: '请选择左侧工单',
    caseLog: '办理记录', done: '已提交', assignee: '承办单位', map: '一张图', layerGrids: '网格', layerCases: '工单',
    layerWorkers: '网格员', layerAlarms: '一键通告警', overdueCases: '超期督办', urge: '催办', reassign: '改派',
    urged: '已催办', reassigned: '已改派', workerFree: '在岗空闲', offDuty: '离岗', busy: '任务中',
    overdueBy: '超期 (工作小时)',
    why: '原因', handlingOverdue: '办理超时', verificationOverdue: '核查超时', receivedAt: '报警时间', device: '设备',
    grid: '网格', community: '社区', street: '街道', position: '位置时间', urgeOnlyHandling: '仅办理中的工单可催办',
    reassignOnlyDispatched: '已签收的工单只能由承办单位退回后改派', escalations: '升级次数',
    // Desk call controls, chat tabs and the wallboard's listen-in.
    hold: '保持', resume: '恢复', transfer: '转接', hangUp: '挂断', dial: '外呼', dialNumber: '外呼号码',
    transferTarget: '转接至（坐席工号 / 部门电话）', toAgent: '转坐席', toDepartment: '转部门电话', onCall: '通话中',
    onHold: '保持中', callEnded: '通话已结束', transferred: '已转接至', hungUp: '已挂断', dialled: '正在呼叫，请接听您的话机',
    callGone: '通话已不存在', callRefused: '操作被拒绝', noPbx: '电话系统未连接', badInput: '输入有误',
    chats: '会话', reply: '回复', replyHint: '输入回复，Ctrl+Enter 发送', send: '发送', finishChat: '结束会话',
    earlierContacts: '此前的联系', resident: '市民', agentSaid: '坐席', chatEnded: '会话已结束', replyFailed: '发送失败',
    replyEmpty: '请输入回复内容', listen: '监听', myExtension: '我的分机（监听时振铃）', listening: '正在监听',
    listenRinging: '正在呼叫您的分机', listenNoCall: '该坐席当前没有通话，无法监听',
    listenNoPbx: '电话系统未接入（或未连接），无法监听', listenFailed: '监听失败',
    listenEnded: '通话结束，监听已停止',
    PRESENCE: { OFFLINE: '离线', AVAILABLE: '就绪', BREAK: '小休', AWAY: '离开', BUSY: '忙碌', WRAP_UP: '话后处理' },
    CHANNEL: { HOTLINE_12345: '12345 热线', HOTLINE_8890: '8890 热线', ELDER_12349: '12349 养老热线', ONE_TOUCH: '一键通告警',
      WECHAT: '微信', APP: '随手拍', MAILBOX: '书记区长信箱', SMS: '短信', OPEN311: 'Open311' },
  },
  en: {
    appName: 'CivicLine citizen service line', signIn: 'Sign in', username: 'Username', password: 'Password',
    signOut: 'Sign out', ready: 'Ready', break: 'Break', offline: 'Sign off', presence: 'Presence', accept: 'Accept',
    reject: 'Reject', waited: 'Waited', seconds: 's', incoming: 'Incoming contact', currentContacts: 'Current contacts',
    finish: 'Finish', none: 'None', caseForm: 'Case', category: 'Category', description: 'Description',
    address: 'Address', priority: 'Priority', createCase: 'Register case', dispatch: 'Dispatch to department',
    resolve: 'Resolve on contact', caseCreated: 'Case registered', reason: 'Reason', meal: 'Meal',
    training: 'Training', meeting: 'Meeting', rest: 'Rest', wrapUp: 'Wrap-up', wallboard: 'Supervisor wallboard',
    waiting: 'Waiting', longestWait: 'Longest wait', agents: 'Agents', offers: 'Ringing', alarms: 'One-touch alarms',
    serviceLevel: 'Service level', answered: 'Answered', abandoned: 'Abandoned', asa: 'ASA',
    arrivals: "Today's arrivals (per 15 min)", setAway: 'Set away', agent: 'Agent', since: 'Since',
    holding: 'Holding', callbackReached: 'Reached', callbackNoAnswer: 'No answer', callbackBusy: 'Busy',
    callbackWrong: 'Wrong number', callback: 'Callback', language: '中文', alerts: 'Alerts',
    workerApp: 'Grid worker', onDuty: 'On duty', connecting: 'Connecting', online: 'Online', noTasks: 'No tasks',
    offlineKept: 'Poor connection: actions are kept and sent when it returns', caseNo: 'Case', acceptBy: 'Accept by',
    waitingToSend: 'Waiting to send', allSent: 'All sent', rejectReason: 'Reason for rejecting (required)',
    acceptTask: 'Accept', rejectTask: 'Reject', arrived: 'Arrived', longitude: 'Longitude', latitude: 'Latitude',
    useTyped: 'Arrive at this position', gpsDenied: 'No position from the phone: type your longitude and latitude',
    badNumber: 'enter a number of degrees', required: 'required', handleNote: 'What was done (required)',
    finishTask: 'Handled: finish', navigate: 'Navigate', webMap: 'Web map', takePhoto: 'Take a photo', photo: 'Photo',
    photoUnreadable: 'this photo cannot be read',
    STAGE_OFFERED: 'Offered', STAGE_ACCEPTED: 'Accepted', STAGE_ARRIVED: 'On site', STAGE_HANDLED: 'Handled',
    STAGE_FINISHED: 'Finished', STAGE_REJECTED: 'Rejected', STEP_accept: 'Accept', STEP_reject: 'Reject',
    STEP_arrive: 'Arrive', STEP_handle: 'Handle', STEP_finish: 'Finish',
    caseActions: 'Next step for the case', resolveAnswer: 'Answer given', department: 'Department',
    departmentHint: "empty: the category's department", dispatchGrid: 'Dispatch to the grid',
    mapPoint: 'Map point (longitude, latitude, optional)', gridFound: 'Grid', gridTask: 'Grid task',
    caseResolved: 'Resolved on contact', caseDispatched: 'Dispatched to', locate: 'Find the grid',
    // Desk: the resident on the line and the case form's helpers (category picker, similar cases, knowledge base).
    residentPanel: 'Resident on the line', repeatCaller: 'Repeat caller', earlierContactsOf: 'Earlier contacts',
    casesOf: 'Cases', noHistory: 'No earlier contacts', firstContact: 'First contact',
    contactsIn30Days: 'Contacts in 30 days', times: '', openCase: 'open', elderlyProfile: 'Elderly profile',
    age: 'Age', years: '', healthNotes: 'Health', emergencyContacts: 'Emergency contacts',
    openAlarms: 'Open one-touch alarms', noOpenAlarms: 'No open alarms', noProfile: 'No one-touch device registered',
    when: 'When', channel: 'Channel', state: 'State', close: 'Close',
    categoryHint: 'Pinyin initials, Chinese or code: ld / 路灯 / 0102', noCategory: 'No matching category',
    similarCases: 'Similar cases', similarHint: 'Shown once a category, address or description is given',
    noSimilar: 'No similar cases', near: 'Same kind nearby', sameText: 'Similar text', meters: 'm',
    mergeInto: 'Merge into this', merged: 'Merged into', mergeReason: 'Duplicate of the same problem',
    knowledge: 'Knowledge base', kbHint: 'Search the knowledge base, e.g. 社保卡补办',
    kbNone: 'Nothing found in the knowledge base', toAnswer: 'Use as answer', toDescription: 'Add to description',
    copied: 'Copied', placeFound: 'Grid of the address', placeUnknown: 'Address not in the gazetteer',
    loading: 'Loading', residentName: 'Name', repeatMany: '{n} contacts within 30 days',
    repeatOpen: '{n} contacts within 30 days while case {case} is open',
    // Department page, wallboard map and overdue list.
    deptDesk: 'Department desk', refresh: 'Refresh', caseNumber: 'Case', caseState: 'State', deadline: 'Deadline',
    flags: 'Flags', reminded: 'Reminded', supervised: 'Supervised', extensionPending: 'Extension asked',
    returned: 'Returned', acceptCase: 'Sign for', feedback: 'Feedback', feedbackText: 'What was done',
    publicReply: 'Answer for the resident (public)', extension: 'Ask for more time',
    extensionDays: 'Working days more (8 working hours each)', returnCase: 'Return', returnReason: 'Why it is returned',
    submit: 'Submit', noCases: 'No cases to handle', overdue: 'Overdue', remaining: 'Left', hours: 'h',
    selectCase: 'Pick a case on the left', caseLog: 'Case log', done: 'Done', assignee: 'Department', map: 'Map',
    layerGrids: 'Grid cells', layerCases: 'Cases', layerWorkers: 'Grid workers', layerAlarms: 'One-touch alarms',
    overdueCases: 'Overdue cases', urge: 'Urge', reassign: 'Reassign', urged: 'Urged', reassigned: 'Reassigned',
    workerFree: 'On duty, free', offDuty: 'Off duty', busy: 'On a task', overdueBy: 'Overdue (working hours)',
    why: 'Why', handlingOverdue: 'Handling overdue', verificationOverdue: 'Verification overdue',
    receivedAt: 'Received', device: 'Device', grid: 'Grid', community: 'Community', street: 'Street',
    position: 'Position at',
    urgeOnlyHandling: 'Only a case being handled can be urged',
    reassignOnlyDispatched: 'A signed-for case is reassigned only after the department returns it',
    escalations: 'Escalations',
    // Desk call controls, chat tabs and the wallboard's listen-in.
    hold: 'Hold', resume: 'Resume', transfer: 'Transfer', hangUp: 'Hang up', dial: 'Dial', dialNumber: 'Number to dial',
    transferTarget: 'Transfer to (agent id / department number)', toAgent: 'To an agent',
    toDepartment: "To a department's number", onCall: 'On call', onHold: 'On hold', callEnded: 'Call ended',
    transferred: 'Transferred to', hungUp: 'Hung up', dialled: 'Calling: answer your phone',
    callGone: 'The call no longer exists', callRefused: 'Refused', noPbx: 'The PBX is not connected',
    badInput: 'Check the input', chats: 'Chats', reply: 'Reply', replyHint: 'Type a reply, Ctrl+Enter sends',
    send: 'Send', finishChat: 'Finish chat', earlierContacts: 'Earlier contacts', resident: 'Resident',
    agentSaid: 'Agent', chatEnded: 'Chat ended', replyFailed: 'Not sent', replyEmpty: 'Type a reply first',
    listen: 'Listen', myExtension: 'My phone (rings to listen in)', listening: 'Listening to',
    listenRinging: 'Ringing your phone', listenNoCall: 'This agent has no call to listen to',
    listenNoPbx: 'No PBX connected: listen-in is not available', listenFailed: 'Listen-in failed',
    listenEnded: 'Call over, no longer listening to',
    PRESENCE: { OFFLINE: 'Offline', AVAILABLE: 'Ready', BREAK: 'Break', AWAY: 'Away', BUSY: 'Busy', WRAP_UP: 'Wrap-up' },
    CHANNEL: { HOTLINE_12345: '12345 hotline', HOTLINE_8890: '8890 hotline', ELDER_12349: '12349 elderly line',
      ONE_TOUCH: 'One-touch alarm', WECHAT: 'WeChat', APP: 'City app', MAILBOX: "Leaders' mailbox", SMS: 'SMS',
      OPEN311: 'Open311' },
  },
};

export function lang() {
  return localStorage.getItem('civicline.lang') === 'en' ? 'en' : 'zh';
}

export function t(key) {
  return TEXT[lang()][key] ?? key;
}

export function channelName(c) {
  return TEXT[lang()].CHANNEL[c] ?? c;
}

export function presenceName(p) {
  return TEXT[lang()].PRESENCE[p] ?? p;
}

/** Fills every element with data-i18n, and wires the language switch. */
export function applyTexts() {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  const toggle = document.getElementById('lang');
  if (toggle) {
    toggle.textContent = t('language');
    toggle.onclick = () => {
      localStorage.setItem('civicline.lang', lang() === 'en' ? 'zh' : 'en');
      location.reload();
    };
  }
}
