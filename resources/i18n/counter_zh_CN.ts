<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CustomerResultsModel</name>
    <message>
        <location filename="../../ui/search_model.py" line="22"/>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="22"/>
        <location filename="../../ui/search_model.py" line="26"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="22"/>
        <source>Phone</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="23"/>
        <source>VIP</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="23"/>
        <source>Matched by</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="25"/>
        <source>phone</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="27"/>
        <source>ID tail</source>
        <translation>证件号码尾号</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="28"/>
        <source>SIM (ICCID)</source>
        <translation>SIM 卡号（ICCID）</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="29"/>
        <source>account</source>
        <translation>账户号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="30"/>
        <source>name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="31"/>
        <source>pinyin initials</source>
        <translation>拼音首字母</translation>
    </message>
</context>
<context>
    <name>CustomerViewWidget</name>
    <message>
        <location filename="../../ui/customer_view.py" line="62"/>
        <location filename="../../ui/customer_view.py" line="140"/>
        <location filename="../../ui/customer_view.py" line="161"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="64"/>
        <source>Show the full ID number (recorded in the audit log)</source>
        <translation>显示完整证件号码（此操作将记入稽核日志）</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="73"/>
        <source>Identity</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="84"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="85"/>
        <source>Customer no.</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="86"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="87"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="88"/>
        <source>Unpaid</source>
        <translation>欠费金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="91"/>
        <location filename="../../ui/customer_view.py" line="102"/>
        <location filename="../../ui/customer_view.py" line="106"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="92"/>
        <source>Type</source>
        <translation>付费类型</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="93"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="94"/>
        <location filename="../../ui/customer_view.py" line="99"/>
        <location filename="../../ui/customer_view.py" line="109"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="97"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="98"/>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="100"/>
        <source>Add-ons</source>
        <translation>增值业务</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="101"/>
        <source>SIM</source>
        <translation>SIM 卡号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="105"/>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="107"/>
        <source>Amount</source>
        <translation>账单金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="108"/>
        <source>Owed</source>
        <translation>未缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="110"/>
        <source>Due</source>
        <translation>缴费截止日</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="116"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="117"/>
        <source>Lines</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="118"/>
        <source>Unpaid and recent bills</source>
        <translation>欠费及近期账单</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="126"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="126"/>
        <source>suspended</source>
        <translation>停机</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="127"/>
        <source>cancelled</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="127"/>
        <source>paid</source>
        <translation>已缴清</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="128"/>
        <source>unpaid</source>
        <translation>未缴费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="128"/>
        <source>part paid</source>
        <translation>部分缴费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="132"/>
        <source>prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="132"/>
        <source>postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="175"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="38"/>
        <source>Counter — sign in</source>
        <translation>营业柜台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="52"/>
        <source>This counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="55"/>
        <source>Province server</source>
        <translation>省中心服务器</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="56"/>
        <source>Hall code</source>
        <translation>营业厅编码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="57"/>
        <source>Counter id</source>
        <translation>柜台编号</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="61"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="62"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="76"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="80"/>
        <source>Counter settings…</source>
        <translation>柜台设置…</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="91"/>
        <source>Sign in to the counter</source>
        <translation>营业员登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="46"/>
        <source>Counter — {hall} / {counter}</source>
        <translation>营业柜台 — {hall} / {counter}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Find a customer: type a phone number, an ID number, a name…

Ctrl+F search · Enter open · F5 sync now</source>
        <translation>查找客户：请输入电话号码、证件号码、客户名称…

Ctrl+F 查找 · Enter 打开 · F5 立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <source>&amp;Counter</source>
        <translation>柜台(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>&amp;Find customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>{name} ({staff_no}) · {hall} / {counter}</source>
        <translation>{name}（{staff_no}）· {hall} / {counter}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>⚠ Keyring unavailable: sign-in not saved</source>
        <translation>⚠ 系统凭据存储不可用：登录状态未保存</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>That customer is no longer in the cache.</source>
        <translation>该客户已不在本地缓存中。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>{rows} rows · %p%</source>
        <translation>{rows} 条 · %p%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Sync failed: {message}</source>
        <translation>同步失败：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Synced {n} s ago</source>
        <translation>{n} 秒前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Synced {n} min ago</source>
        <translation>{n} 分钟前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Synced {n} h ago</source>
        <translation>{n} 小时前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>Sync in progress</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>The first download is still running. Quit anyway? It will go on from where it stopped next time.</source>
        <translation>首次下载尚未完成。仍要退出吗？下次启动时将从中断处继续下载。</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="42"/>
        <source>Phone, ID number or its last digits, ICCID, account, name or pinyin (zw)</source>
        <translation>电话号码、证件号码或其尾号、ICCID、账户号码、客户名称或拼音首字母（如 zw）</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="94"/>
        <source>Type at least 3 digits, 4 ID characters or a name.</source>
        <translation>请至少输入 3 位数字、4 位证件号码字符或客户名称。</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="96"/>
        <source>No customer found in this hall&apos;s cache.</source>
        <translation>本营业厅的缓存中未找到客户。</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="99"/>
        <source>{count} found, searching by {kinds}</source>
        <translation>找到 {count} 位客户（按{kinds}查询）</translation>
    </message>
</context>
<context>
    <name>ValidationError</name>
    <message>
        <location filename="extra_strings.py" line="25"/>
        <source>Enter the resident ID number.</source>
        <translation>请输入居民身份证号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="26"/>
        <source>15-digit IDs are no longer valid; ask for the 18-digit ID.</source>
        <translation>15 位身份证号码已停止使用，请客户出示 18 位号码的居民身份证。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="30"/>
        <source>The resident ID number must have 18 characters.</source>
        <translation>居民身份证号码应为 18 位。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="31"/>
        <source>The resident ID number must be 17 digits followed by a digit or X.</source>
        <translation>居民身份证号码应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="35"/>
        <source>The resident ID number&apos;s check digit is wrong; check for a typing error.</source>
        <translation>居民身份证号码校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="39"/>
        <source>The birth date in the resident ID number is not possible.</source>
        <translation>居民身份证号码中的出生日期无效。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="43"/>
        <source>The region code in the resident ID number is not known.</source>
        <translation>居民身份证号码中的行政区划代码无法识别。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="44"/>
        <source>Enter the mobile number.</source>
        <translation>请输入手机号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="45"/>
        <source>The mobile number may contain only digits, spaces, dashes and a leading +86.</source>
        <translation>手机号码只能包含数字、空格、连字符（-）以及开头的 +86。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="49"/>
        <source>The mobile number must have 11 digits.</source>
        <translation>手机号码应为 11 位数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="50"/>
        <source>The mobile number does not start with a Chinese mobile prefix.</source>
        <translation>该号码不属于中国大陆手机号段。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="54"/>
        <source>Enter the SIM card ICCID.</source>
        <translation>请输入 SIM 卡的 ICCID。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="55"/>
        <source>The ICCID may contain only digits.</source>
        <translation>ICCID 只能包含数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="56"/>
        <source>The ICCID must have 19 or 20 digits.</source>
        <translation>ICCID 应为 19 位或 20 位数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="57"/>
        <source>The ICCID must start with 89.</source>
        <translation>ICCID 必须以 89 开头。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="58"/>
        <source>The ICCID&apos;s check digit is wrong; check for a typing error.</source>
        <translation>ICCID 校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="62"/>
        <source>Enter the name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="63"/>
        <source>The name must have at most 50 characters.</source>
        <translation>姓名不能超过 50 个字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="64"/>
        <source>The name may contain only Chinese characters, Latin letters, spaces, the middle dot, full stops and hyphens.</source>
        <translation>姓名只能包含汉字、拉丁字母、空格、间隔号（·）、英文句点和连字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="69"/>
        <source>Enter the amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="70"/>
        <source>The amount must be a whole number of fen.</source>
        <translation>金额必须是以分为单位的整数。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="71"/>
        <source>The amount is outside the allowed range.</source>
        <translation>金额超出允许范围。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="72"/>
        <source>Enter the province server address.</source>
        <translation>请输入省中心服务器地址。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="73"/>
        <source>The server address must start with http:// or https://.</source>
        <translation>服务器地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="74"/>
        <source>Enter the hall code.</source>
        <translation>请输入营业厅编码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="75"/>
        <source>Enter the counter id.</source>
        <translation>请输入柜台编号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="76"/>
        <source>Enter your staff number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="77"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../ui/main.py" line="55"/>
        <source>An unexpected error occurred. It has been logged; please tell support.</source>
        <translation>发生意外错误，已记入日志，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="95"/>
        <source>Counter is already running on this computer.</source>
        <translation>本机已在运行营业柜台程序。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="extra_strings.py" line="79"/>
        <source>The staff number or the password is wrong.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="80"/>
        <source>This staff member does not work in this hall.</source>
        <translation>该工号不属于本营业厅。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="81"/>
        <source>There is no hall with this code.</source>
        <translation>营业厅编码不存在。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="82"/>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="83"/>
        <source>Someone changed this record meanwhile. Reload it and try again.</source>
        <translation>该记录已被他人修改，请重新加载后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26"/>
        <location filename="extra_strings.py" line="87"/>
        <source>Cannot reach the province server. Check the address and the network.</source>
        <translation>无法连接省中心服务器，请检查服务器地址和网络。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36"/>
        <location filename="extra_strings.py" line="91"/>
        <source>Something went wrong: {error}</source>
        <translation>出现错误：{error}</translation>
    </message>
</context>
<context>
    <name>vip</name>
    <message>
        <location filename="extra_strings.py" line="93"/>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="94"/>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="95"/>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
</context>
</TS>
