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
