<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="37"/>
        <source>Customer: {name}</source>
        <translation>客户:{name}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="38"/>
        <source>Why: {why}</source>
        <translation>原因:{why}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="41"/>
        <source>Taken at counter {counter} at {when}</source>
        <translation>受理柜台 {counter},时间 {when}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="54"/>
        <source> — waived {fee}: {reason}</source>
        <translation> — 减免 {fee}:{reason}</translation>
    </message>
</context>
<context>
    <name>AddonsPage</name>
    <message>
        <location filename="../../ui/orders/pages.py" line="308"/>
        <source>&amp;Add-ons (Space ticks)</source>
        <translation>增值业务(空格勾选)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="347"/>
        <source>Tick an add-on to add or untick one to remove.</source>
        <translation>请勾选要新增的增值业务,或取消勾选要退订的。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/approval_dialog.py" line="40"/>
        <source>Supervisor approval</source>
        <translation>值班经理审批</translation>
    </message>
    <message>
        <location filename="../../ui/approval_dialog.py" line="55"/>
        <source>Supervisor staff number</source>
        <translation>值班经理工号</translation>
    </message>
    <message>
        <location filename="../../ui/approval_dialog.py" line="56"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/approval_dialog.py" line="60"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>ApprovalQueueDialog</name>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="67"/>
        <source>Approval queue</source>
        <translation>审批队列</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="86"/>
        <source>the reason (needed to reject)</source>
        <translation>原因(驳回时必填)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="87"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="97"/>
        <source>&amp;Approve (Ctrl+Enter)</source>
        <translation>批准(Ctrl+Enter)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="101"/>
        <source>Re&amp;ject (Ctrl+R)</source>
        <translation>驳回(Ctrl+R)(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="131"/>
        <source>Nothing is waiting for a supervisor.</source>
        <translation>没有待审批的业务。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="152"/>
        <source>Reason: say why the order is rejected.</source>
        <translation>原因:请说明驳回的理由。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/queue_dialog.py" line="169"/>
        <source>Order {no}: {state}.</source>
        <translation>业务 {no}:{state}。</translation>
    </message>
</context>
<context>
    <name>ChangePlanPage</name>
    <message>
        <location filename="../../ui/orders/pages.py" line="273"/>
        <source>New p&amp;lan</source>
        <translation>新套餐(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="274"/>
        <source>From the first of next mon&amp;th</source>
        <translation>下月1日起生效(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="276"/>
        <source>N&amp;ow (where the plan allows it)</source>
        <translation>立即生效(套餐允许时)(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="290"/>
        <source>Choose a plan.</source>
        <translation>请选择套餐。</translation>
    </message>
</context>
<context>
    <name>ChargeSettleDialog</name>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="41"/>
        <source>Unfinished card charge</source>
        <translation>未完成的刷卡扣款</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="45"/>
        <source>The counter stopped while the province was asking the customer&apos;s wallet for {amount} for {customer} at {when} (receipt {no}). Ask the province again: it answers what it did, under the same request, and takes nothing twice.</source>
        <translation>{when} 省级系统为 {customer} 向其钱包扣款 {amount} 时（收据号 {no}），柜台中断了。请再次询问省级系统：用同一请求查询，它会告知结果，不会重复扣款。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="51"/>
        <source>The counter stopped while the card terminal was charging {amount} for {customer} at {when} (receipt {no}). Ask the terminal what it did, then settle the charge. It is not booked and not taken again until you do.</source>
        <translation>{when} 为 {customer} 刷卡扣款 {amount} 时（收据号 {no}），柜台中断了。请先查询终端的结果，再处理这笔扣款。处理之前，它不会入账，也不会再扣一次。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="70"/>
        <source>from the terminal or its slip</source>
        <translation>见终端或签购单</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="72"/>
        <source>Terminal &amp;reference:</source>
        <translation>终端参考号(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="76"/>
        <source>&amp;Ask the province again (F5)</source>
        <translation>再次询问省级系统(&amp;A) (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="78"/>
        <source>&amp;Ask the terminal (F5)</source>
        <translation>查询终端(&amp;A) (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="85"/>
        <source>&amp;Book the payment</source>
        <translation>入账(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="89"/>
        <source>&amp;Not charged</source>
        <translation>未扣款(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="92"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="157"/>
        <source>The terminal&apos;s last transaction is another payment&apos;s: it cannot tell about this one. Look for this charge on the terminal&apos;s journal or the customer&apos;s slip; type its reference to book it, or close it as not charged only if it is not there.</source>
        <translation>终端最近一笔交易是另一笔付款，无法说明这一笔。请在终端流水或客户签购单上查找这笔扣款：找到则输入参考号入账；确认没有才按未扣款关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="170"/>
        <source>The terminal charged this card: {card}, reference {ref}.</source>
        <translation>终端已扣款：卡号 {card}，参考号 {ref}。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="177"/>
        <source>The terminal declined this charge: nothing was taken.</source>
        <translation>终端拒绝了这笔扣款：未扣任何钱。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="182"/>
        <source>The terminal has no charge for this payment: nothing was taken. If the customer holds a slip for it, type its reference.</source>
        <translation>终端没有这笔扣款的记录：未扣任何钱。如客户持有签购单，请输入其参考号。</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="212"/>
        <source>The province says nothing was taken: {why}</source>
        <translation>省级系统答复未扣款：{why}</translation>
    </message>
    <message>
        <location filename="../../ui/charge_settle_dialog.py" line="221"/>
        <source>settled at the counter: not charged</source>
        <translation>柜台处理：未扣款</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="104"/>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="113"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="125"/>
        <source>Why the drawer differs (needed above ¥{limit})</source>
        <translation>钱箱差额原因（差额超过 ¥{limit} 时必填）</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="130"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="131"/>
        <source>Counted</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="132"/>
        <source>Variance</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="133"/>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="141"/>
        <location filename="../../ui/shift_dialogs.py" line="305"/>
        <source>Supervisor approval</source>
        <translation>值班经理审批</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="148"/>
        <location filename="../../ui/shift_dialogs.py" line="305"/>
        <source>&amp;Approve and close</source>
        <translation>审批并交班(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="156"/>
        <source>Supervisor staff number</source>
        <translation>值班经理工号</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="157"/>
        <source>Supervisor password</source>
        <translation>值班经理密码</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="166"/>
        <source>&amp;Close shift</source>
        <translation>交班(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="173"/>
        <source>Count the drawer:</source>
        <translation>清点钱箱现金：</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="284"/>
        <source>{kind} {receipt} {amount} — not yet at the province</source>
        <translation>{kind} {receipt} {amount} — 尚未上传省级</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="299"/>
        <source>Close pending upload (supervisor, with a note)</source>
        <translation>待上传交班（需值班经理批准并写备注）</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="300"/>
        <source>Approve and close pending &amp;upload</source>
        <translation>批准并待上传交班(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/contact_dialog.py" line="43"/>
        <source>Contact details — {name}</source>
        <translation>联系方式 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="51"/>
        <source>now {phone}: type the new number</source>
        <translation>现为 {phone}:请输入新号码</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="56"/>
        <source>Contact &amp;phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="57"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="72"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="75"/>
        <source>&amp;Take theirs</source>
        <translation>采用对方的(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="120"/>
        <source>Someone changed this customer meanwhile.
Theirs: {their_phone} · {their_address}
Yours: {my_phone} · {my_address}
Save keeps yours; Take theirs keeps what is there now.</source>
        <translation>其他人刚刚修改了该客户。
对方的:{their_phone} · {their_address}
您的:{my_phone} · {my_address}
“保存”采用您的;“采用对方的”保留现有内容。</translation>
    </message>
    <message>
        <location filename="../../ui/contact_dialog.py" line="133"/>
        <source>&amp;Save mine</source>
        <translation>保存我的(&amp;S)</translation>
    </message>
</context>
<context>
    <name>CounterActions</name>
    <message>
        <location filename="../../ui/counter_actions.py" line="79"/>
        <source>Printing failed: {error}</source>
        <translation>打印失败：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="95"/>
        <source>&amp;Open shift…</source>
        <translation>开班(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="101"/>
        <source>&amp;Pay bills…</source>
        <translation>缴费(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="107"/>
        <source>&amp;Top up…</source>
        <translation>充值(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="113"/>
        <source>This shift&apos;s pay&amp;ments…</source>
        <translation>本班收款记录(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="119"/>
        <source>&amp;Close shift…</source>
        <translation>交班(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="125"/>
        <location filename="../../ui/counter_actions.py" line="434"/>
        <source>Sync &amp;issues…</source>
        <translation>同步异常(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="131"/>
        <source>Unfinished card c&amp;harges…</source>
        <translation>未完成的刷卡扣款(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="137"/>
        <source>Offline appro&amp;vals to review…</source>
        <translation>待复核的离线审批(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="143"/>
        <source>Unloc&amp;k a staff number…</source>
        <translation>解锁工号(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="147"/>
        <source>Counter &amp;devices…</source>
        <translation>柜台设备(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="180"/>
        <source>Finish what is under way first.</source>
        <translation>请先完成正在进行的业务。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="208"/>
        <source>Shift opened.</source>
        <translation>已开班。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="219"/>
        <source>Shift closed; the shift report prints.</source>
        <translation>已交班，正在打印交班报表。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="228"/>
        <source>No shift is open: open one first (Ctrl+Shift+O).</source>
        <translation>尚未开班：请先开班（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="275"/>
        <source>Which customer? Choose one in the results (Enter opens it).</source>
        <translation>为哪位客户办理？请在结果中选择（回车打开）。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="314"/>
        <source>No answer from the province yet: QR payment {no} is being confirmed. Do not take the money again; reprint its receipt from this shift&apos;s payments once it is accepted.</source>
        <translation>省中心尚未应答：扫码支付 {no} 正在确认中。请勿重复收款；确认受理后，请在本班缴费记录中打印其收据。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="323"/>
        <source>Receipt {no} — change {change}</source>
        <translation>收据 {no} — 找零 {change}</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="327"/>
        <source>Receipt {no}</source>
        <translation>收据 {no}</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="330"/>
        <source> — still owed {owed}</source>
        <translation> — 尚欠 {owed}</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="418"/>
        <source>Your shift is still open.</source>
        <translation>您的班次尚未交班。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="421"/>
        <source>{n} of your entries have not reached the province yet.</source>
        <translation>您有 {n} 笔业务尚未送达省中心。</translation>
    </message>
    <message>
        <location filename="../../ui/counter_actions.py" line="432"/>
        <source>Sync &amp;issues ({n})…</source>
        <translation>同步异常 ({n})(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>CounterApp</name>
    <message>
        <location filename="../../ui/app.py" line="103"/>
        <source>The key in this computer&apos;s keyring no longer opens the cache and the journal (the keyring was reset or replaced). Both were set aside, not deleted, and new ones started; the province&apos;s data is being pulled again. The actions that were waiting to be sent (payments, orders) are in the set-aside journal and cannot be read without the old key: tell the hall manager now. The receipts handed out are kept under {receipts}.</source>
        <translation>本机密钥环中的密钥已打不开本地缓存和操作日志（密钥环被重置或更换）。两者均已另存，未删除，并已新建；省级系统的数据正在重新下载。原先等待发送的操作（收款、业务单）在另存的操作日志中，没有原来的密钥无法读出：请立即告知营业厅经理。已交给客户的收据保存在 {receipts}。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="114"/>
        <source>The cache of customers&apos; personal data on this computer is not encrypted: an administrator chose so (&quot;cache_encryption&quot;: &quot;off&quot; in {file}), as no keyring works here. Anyone who can read its files can read it.</source>
        <translation>本机保存客户个人信息的本地缓存未加密：因本机没有可用的密钥环，管理员作此选择（{file} 中的 &quot;cache_encryption&quot;: &quot;off&quot;）。任何能读取其文件的人都能读到其中内容。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="122"/>
        <source>The journal of this counter&apos;s actions was missing. {n} payments recorded here are being sent again from their records; tell the hall manager now.</source>
        <translation>本柜台的操作日志丢失。本机记录的 {n} 笔操作正按记录重新发送；请立即告知营业厅经理。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="129"/>
        <source>These payments have no entry to send them and need a supervisor: {receipts}.</source>
        <translation>以下付款没有可发送的记录，需值班经理处理：{receipts}。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="135"/>
        <source>The local copy of the province&apos;s data was damaged or missing; it is being pulled again. Nothing waiting to be sent was lost ({n} actions kept).</source>
        <translation>本地的省级数据副本已损坏或丢失，正在重新下载。待发送的操作没有丢失（保留 {n} 笔）。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="143"/>
        <source>The journal of this counter&apos;s actions was damaged. It was set aside at {path}. Read back from it: {waiting} actions waiting, {refused} refused, {charges} unfinished card charges. Actions it held that could not be read may be missing: tell the hall manager now.</source>
        <translation>本柜台的操作日志已损坏，已另存于 {path}。从中读回：待发送 {waiting} 笔，被拒绝 {refused} 笔，未完成刷卡扣款 {charges} 笔。无法读出的操作可能已丢失：请立即告知营业厅经理。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="81"/>
        <location filename="../../ui/app.py" line="155"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="83"/>
        <source>The local copy of the province&apos;s data on this computer is damaged. Counter goes on working, but may show or miss customers wrongly. Restart Counter when the queue allows: the copy is then pulled again from the province. Nothing waiting to be sent is lost.</source>
        <translation>本机保存的省公司数据副本已损坏。Counter 仍可继续使用，但客户可能显示有误或查找不到。请在排队允许时重新启动 Counter：届时将从省公司重新拉取副本。待发送的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="160"/>
        <location filename="../../ui/app.py" line="174"/>
        <source>Set aside at: {path}</source>
        <translation>已另存于：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="226"/>
        <source>The province has confirmed your sign-in.</source>
        <translation>省中心已确认您的登录。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="283"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="285"/>
        <source>{n} of your actions have not reached the province yet. They will be sent when you sign in again. Sign out anyway?</source>
        <translation>您还有 {n} 笔业务尚未送达省中心，将在您下次登录后发送。仍要退出登录吗？</translation>
    </message>
</context>
<context>
    <name>CustomerResultsModel</name>
    <message>
        <location filename="../../ui/search_model.py" line="23"/>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="24"/>
        <location filename="../../ui/search_model.py" line="31"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="25"/>
        <source>Phone</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="26"/>
        <source>VIP</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="27"/>
        <source>Matched by</source>
        <translation>匹配依据</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="30"/>
        <source>phone</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="32"/>
        <source>ID tail</source>
        <translation>证件号码尾号</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="33"/>
        <source>SIM (ICCID)</source>
        <translation>SIM 卡号（ICCID）</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="34"/>
        <source>account</source>
        <translation>账户号码</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="35"/>
        <source>name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../ui/search_model.py" line="36"/>
        <source>pinyin initials</source>
        <translation>拼音首字母</translation>
    </message>
</context>
<context>
    <name>CustomerViewWidget</name>
    <message>
        <location filename="../../ui/customer_view.py" line="53"/>
        <location filename="../../ui/customer_view.py" line="197"/>
        <location filename="../../ui/customer_view.py" line="224"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="55"/>
        <source>Show the full ID number (recorded in the audit log)</source>
        <translation>显示完整证件号码（此操作将记入稽核日志）</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="64"/>
        <source>Identity</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="75"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="76"/>
        <source>Customer no.</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="77"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="78"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="79"/>
        <source>Unpaid</source>
        <translation>欠费金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="83"/>
        <location filename="../../ui/customer_view.py" line="96"/>
        <location filename="../../ui/customer_view.py" line="105"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="84"/>
        <source>Type</source>
        <translation>付费类型</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="85"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="86"/>
        <location filename="../../ui/customer_view.py" line="95"/>
        <location filename="../../ui/customer_view.py" line="108"/>
        <location filename="../../ui/customer_view.py" line="122"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="93"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="94"/>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="98"/>
        <source>Add-ons</source>
        <translation>增值业务</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="97"/>
        <source>SIM</source>
        <translation>SIM 卡号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="98"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="104"/>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="106"/>
        <location filename="../../ui/customer_view.py" line="121"/>
        <source>Amount</source>
        <translation>账单金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="107"/>
        <source>Owed</source>
        <translation>未缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="109"/>
        <source>Due</source>
        <translation>缴费截止日</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="117"/>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="118"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="134"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="138"/>
        <source>Lines</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="145"/>
        <source>Unpaid and recent bills</source>
        <translation>欠费及近期账单</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="155"/>
        <source>Payments at this hall</source>
        <translation>本营业厅缴费记录</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="151"/>
        <source>Reprint</source>
        <translation>重打</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="119"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="120"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="160"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="161"/>
        <source>suspended</source>
        <translation>停机</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="162"/>
        <source>cancelled</source>
        <translation>已销户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="163"/>
        <source>paid</source>
        <translation>已缴清</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="164"/>
        <source>unpaid</source>
        <translation>未缴费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="165"/>
        <source>part paid</source>
        <translation>部分缴费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="169"/>
        <source>prepaid</source>
        <translation>预付费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="169"/>
        <source>postpaid</source>
        <translation>后付费</translation>
    </message>
    <message>
        <location filename="../../ui/customer_view.py" line="240"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>DenominationGrid</name>
    <message>
        <location filename="../../ui/denomination_grid.py" line="42"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../ui/devices_dialog.py" line="30"/>
        <source>Counter devices</source>
        <translation>柜台设备</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="34"/>
        <source>No printer: keep PDF files only</source>
        <translation>不使用打印机：仅保存 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="41"/>
        <source>80 mm roll</source>
        <translation>80 毫米热敏纸卷</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="42"/>
        <source>A5 sheet</source>
        <translation>A5 纸</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="47"/>
        <source>Simulator: approves</source>
        <translation>模拟器：批准交易</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="48"/>
        <source>Simulator: declines</source>
        <translation>模拟器：拒绝交易</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="49"/>
        <source>Simulator: times out</source>
        <translation>模拟器：响应超时</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="56"/>
        <source>Simulator: a new card each read</source>
        <translation>模拟器:每次读到一张新证</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="57"/>
        <source>Simulator: no card placed</source>
        <translation>模拟器:未放证件</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="66"/>
        <source>The language changes the next time Counter starts.</source>
        <translation>语言在下次启动柜台程序时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="69"/>
        <source>Receipt printer</source>
        <translation>收据打印机</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="70"/>
        <source>Receipt paper</source>
        <translation>收据纸张</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="71"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="72"/>
        <source>ID card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="73"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/devices_dialog.py" line="76"/>
        <source>Every receipt is also kept as a PDF in {folder}</source>
        <translation>每张收据都会另存一份 PDF 文件，保存在 {folder}</translation>
    </message>
</context>
<context>
    <name>LinkBanner</name>
    <message>
        <location filename="../../ui/link_banner.py" line="71"/>
        <source>the oldest for {n} min</source>
        <translation>最早的已等 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/link_banner.py" line="81"/>
        <source>{n} entries waiting to be sent</source>
        <translation>{n} 条待发送</translation>
    </message>
    <message>
        <location filename="../../ui/link_banner.py" line="85"/>
        <source>Catching up with the province</source>
        <translation>正在向省中心补发</translation>
    </message>
    <message>
        <location filename="../../ui/link_banner.py" line="88"/>
        <source>OFFLINE — the province cannot be reached</source>
        <translation>离线 — 无法连接省中心</translation>
    </message>
    <message>
        <location filename="../../ui/link_banner.py" line="92"/>
        <source>last error: {error}</source>
        <translation>最近错误:{error}</translation>
    </message>
    <message>
        <location filename="../../ui/link_banner.py" line="95"/>
        <source>Cash payments (a large top-up needs a supervisor), suspend/resume, add-ons and new lines from the hall&apos;s stock go on and are sent later; card and QR payments, registration and the other orders wait for the link.</source>
        <translation>现金收款（大额充值需值班经理批准）、停复机、增值业务和用本厅库存开新号可继续办理，稍后上传；刷卡和扫码支付、实名登记及其他业务需等网络恢复。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/screen_lock.py" line="127"/>
        <source>This counter is locked</source>
        <translation>本柜台已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="137"/>
        <source>your password, or a supervisor&apos;s</source>
        <translation>您的密码，或值班经理的密码</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="142"/>
        <source>empty: your own password</source>
        <translation>留空：用您自己的密码</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="145"/>
        <source>Unlock (Enter)</source>
        <translation>解锁 (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="151"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="153"/>
        <source>&amp;Supervisor&apos;s staff number</source>
        <translation>值班经理工号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="170"/>
        <source>Enter unlocks · a supervisor: Alt+S, their staff number, their password</source>
        <translation>按 Enter 解锁 · 值班经理：按 Alt+S，输入其工号和密码</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="182"/>
        <source>Signed in: {name} ({staff_no}) · {hall} / {counter}</source>
        <translation>已登录：{name}（{staff_no}）· {hall} / {counter}</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="190"/>
        <source>Locked since {time}</source>
        <translation>锁定时间：{time}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="47"/>
        <source>Counter — sign in</source>
        <translation>营业柜台 — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="58"/>
        <source>empty: the system&apos;s certificates</source>
        <translation>留空：使用系统的证书</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="64"/>
        <source>This counter</source>
        <translation>本柜台</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="67"/>
        <source>Province server</source>
        <translation>省中心服务器</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="68"/>
        <source>Hall code</source>
        <translation>营业厅编码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="69"/>
        <source>Counter id</source>
        <translation>柜台编号</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="70"/>
        <source>CA file (https)</source>
        <translation>CA 证书文件 (https)</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="74"/>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="75"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="90"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="93"/>
        <source>Counter settings…</source>
        <translation>柜台设置…</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="101"/>
        <source>&amp;Quit Counter…</source>
        <translation>退出柜台(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109"/>
        <source>Sign in to the counter</source>
        <translation>营业员登录</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="159"/>
        <source>Quit Counter</source>
        <translation>退出柜台</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="160"/>
        <source>Quit Counter? No one is signed in at this counter then.</source>
        <translation>退出柜台程序？退出后本柜台无人登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="71"/>
        <source>Counter — {hall} / {counter}</source>
        <translation>营业柜台 — {hall} / {counter}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="81"/>
        <source>Find a customer: type a phone number, an ID number, a name…

Ctrl+F search · Enter open · F5 sync now</source>
        <translation>查找客户：请输入电话号码、证件号码、客户名称…

Ctrl+F 查找 · Enter 打开 · F5 立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143"/>
        <source>&amp;Counter</source>
        <translation>柜台(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>&amp;Find customer</source>
        <translation>查找客户(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>Sign o&amp;ut</source>
        <translation>退出登录(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>T&amp;raining</source>
        <translation>培训(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>&amp;Work offline</source>
        <translation>断网演练(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>Reco&amp;nnect</source>
        <translation>恢复连接(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>Training: reconnecting to the province…</source>
        <translation>培训：正在重新连接省中心…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>Training: link cut (Counter → Training → Reconnect ends it)</source>
        <translation>培训：已断网（柜台 → 培训 → 恢复连接 结束）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>{name} ({staff_no}) · {hall} / {counter}</source>
        <translation>{name}（{staff_no}）· {hall} / {counter}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source> · signed in offline</source>
        <translation> · 离线登录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <source>This computer has no keyring: your sign-in is kept only while Counter runs, so you will sign in again after a restart.</source>
        <translation>本机没有密钥环：登录只在程序运行期间有效，重启后需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>That customer is no longer in the cache.</source>
        <translation>该客户已不在本地缓存中。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>The province is preparing the hall&apos;s copy…</source>
        <translation>省中心正在准备本厅的数据副本…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Downloading the hall&apos;s copy ({rows} rows) · %p%</source>
        <translation>正在下载本厅的数据副本（{rows} 行）· %p%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Putting the copy in place ({rows} rows) · %p%</source>
        <translation>正在装入数据副本（{rows} 行）· %p%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>{rows} rows · %p%</source>
        <translation>{rows} 条 · %p%</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="338"/>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="341"/>
        <source>Sync failed: {message}</source>
        <translation>同步失败：{message}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="348"/>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351"/>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="359"/>
        <source>Synced {n} s ago</source>
        <translation>{n} 秒前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>Synced {n} min ago</source>
        <translation>{n} 分钟前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363"/>
        <source>Synced {n} h ago</source>
        <translation>{n} 小时前已同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371"/>
        <source>Quit Counter</source>
        <translation>退出柜台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>Quit anyway? Nothing is lost: it is all kept for your next sign-in.</source>
        <translation>仍要退出吗？不会丢失任何数据：下次登录时继续。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>Sync in progress</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386"/>
        <source>The first download is still running. Quit anyway? It will go on from where it stopped next time.</source>
        <translation>首次下载尚未完成。仍要退出吗？下次启动时将从中断处继续下载。</translation>
    </message>
</context>
<context>
    <name>NewLinePage</name>
    <message>
        <location filename="../../ui/orders/pages.py" line="122"/>
        <source>ends with</source>
        <translation>尾号</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="125"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="126"/>
        <source>no digit &amp;4</source>
        <translation>不含4(&amp;4)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="132"/>
        <source>Number &amp;pattern</source>
        <translation>号码规则(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="136"/>
        <source>&amp;Free numbers</source>
        <translation>可选号码(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="139"/>
        <source>scan or type the SIM card&apos;s ICCID</source>
        <translation>扫描或输入 SIM 卡 ICCID</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="140"/>
        <source>&amp;SIM card</source>
        <translation>SIM 卡(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="143"/>
        <source>P&amp;lan</source>
        <translation>套餐(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="147"/>
        <source>&amp;Add-ons (Space ticks)</source>
        <translation>增值业务(空格勾选)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="150"/>
        <source>New prepaid account</source>
        <translation>新开预付费账户</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="151"/>
        <source>New postpaid account</source>
        <translation>新开后付费账户</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="155"/>
        <source>Account {no} ({kind})</source>
        <translation>账户 {no}({kind})</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="158"/>
        <source>A&amp;ccount</source>
        <translation>账户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="194"/>
        <source>  · premium · pre-deposit {fee}</source>
        <translation>  · 靓号 · 预存 {fee}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="242"/>
        <source>Choose a number from the list.</source>
        <translation>请从列表中选择号码。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="245"/>
        <source>Scan or type the SIM card&apos;s ICCID.</source>
        <translation>请扫描或输入 SIM 卡 ICCID。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="247"/>
        <source>Choose a plan.</source>
        <translation>请选择套餐。</translation>
    </message>
</context>
<context>
    <name>OfflineReviewsDialog</name>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="39"/>
        <source>Offline approvals to review</source>
        <translation>待复核的离线审批</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="41"/>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="42"/>
        <source>offline top-up</source>
        <translation>离线充值</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="43"/>
        <source>drawer variance</source>
        <translation>钱箱差额</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="44"/>
        <source>close pending upload</source>
        <translation>待上传时结班</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="45"/>
        <source>service order</source>
        <translation>业务订单</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="46"/>
        <source>sync issue</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="48"/>
        <source>accepted</source>
        <translation>已认可</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="48"/>
        <source>REFUSED</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="51"/>
        <source>Received</source>
        <translation>省中心收到</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="52"/>
        <source>Asked at the counter</source>
        <translation>柜台申请时间</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="53"/>
        <source>Supervisor</source>
        <translation>值班经理</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="54"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="55"/>
        <source>What</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="56"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="57"/>
        <source>Province</source>
        <translation>省中心结论</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="58"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="64"/>
        <source>Show &amp;reviewed ones</source>
        <translation>显示已复核的(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="69"/>
        <source>Approvals given while the province was unreachable. REFUSED: the province did not accept the supervisor&apos;s proof; find out who asked for it. Another supervisor than the one who approved marks each reviewed.</source>
        <translation>省中心无法连接期间给出的审批。“被拒绝”：省中心不认可该值班经理的审批凭据，请查明是谁申请的。须由审批人以外的另一位值班经理标记为已复核。</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="78"/>
        <source>what you found (for the audit)</source>
        <translation>复核结果（记入审计）</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="79"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/offline_reviews_dialog.py" line="81"/>
        <source>&amp;Mark reviewed</source>
        <translation>标记为已复核(&amp;M)</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="40"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="51"/>
        <source>&amp;Open shift</source>
        <translation>开班(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_dialogs.py" line="56"/>
        <source>Count the opening float in the drawer:</source>
        <translation>清点钱箱中的备用金：</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../ui/orders/actions.py" line="62"/>
        <source>&amp;Orders</source>
        <translation>业务受理(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="67"/>
        <source>&amp;Register a customer…</source>
        <translation>客户实名登记(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="74"/>
        <source>&amp;Edit contact details…</source>
        <translation>修改联系方式(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="94"/>
        <source>Approval &amp;queue…</source>
        <translation>审批队列(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="101"/>
        <source>Go on with a &amp;decided order</source>
        <translation>继续已审批的业务(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="108"/>
        <source>Order &amp;history…</source>
        <translation>业务记录(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="168"/>
        <source>Order {no} was rejected: {reason}</source>
        <translation>业务 {no} 已被驳回:{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="176"/>
        <source>Order {no} is approved: Ctrl+Shift+W goes on with it.</source>
        <translation>业务 {no} 已获批准:按 Ctrl+Shift+W 继续办理。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="185"/>
        <source>{n} of your orders are waiting for a supervisor.</source>
        <translation>您有 {n} 笔业务正在等待审批。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="189"/>
        <source>No order of yours is waiting.</source>
        <translation>您没有等待中的业务。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="211"/>
        <source>Customer registered. Ctrl+1 opens a new line for them.</source>
        <translation>客户已登记。按 Ctrl+1 为其开户。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="220"/>
        <source>Contact details saved.</source>
        <translation>联系方式已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="238"/>
        <source>Queue: {n}</source>
        <translation>待审批:{n}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/actions.py" line="217"/>
        <location filename="../../ui/orders/actions.py" line="244"/>
        <source>Open a customer first.</source>
        <translation>请先打开一位客户。</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../../ui/orders/flow.py" line="106"/>
        <source>{what} — {name}</source>
        <translation>{what} — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="130"/>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="134"/>
        <source>Send to the approval &amp;queue</source>
        <translation>提交审批队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="138"/>
        <location filename="../../ui/orders/flow.py" line="166"/>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="158"/>
        <source>&amp;Confirm with a supervisor</source>
        <translation>值班经理现场审批并确认(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="158"/>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="168"/>
        <location filename="../../ui/orders/flow.py" line="432"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="252"/>
        <source>A supervisor approves order {no}.</source>
        <translation>请值班经理审批业务 {no}。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="286"/>
        <source>Order {no} is in the hall&apos;s approval queue. A supervisor decides on any counter; you will see it here, or in the status bar if you close this (Esc) to serve the next customer.</source>
        <translation>业务 {no} 已进入本厅审批队列。值班经理可在任一柜台审批;结果会显示在这里;若您按 Esc 关闭去接待下一位客户,结果会显示在状态栏。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="296"/>
        <source>Order {no} was rejected: {reason}</source>
        <translation>业务 {no} 已被驳回:{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="302"/>
        <source>Order {no} failed at the province: {reason}</source>
        <translation>业务 {no} 在省中心办理失败:{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="308"/>
        <source>Take the fees of order {no}.</source>
        <translation>请收取业务 {no} 的费用。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="313"/>
        <location filename="../../ui/orders/flow.py" line="428"/>
        <source>Order {no} is done. The customer signs the service form.</source>
        <translation>业务 {no} 已办理。请客户在受理单上签名。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="339"/>
        <source>Hand the customer {amount} in cash (refund slip {no}); then they sign.</source>
        <translation>请将 {amount} 现金退给客户(退款凭证 {no}),然后请客户签名。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="349"/>
        <source>Order {no} is reversed: its fees, {amount} on receipt {receipt}, are given back. A supervisor approves the void.</source>
        <translation>业务 {no} 已返销:其费用 {amount}(收据 {receipt})需退还,请值班经理审批作废。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="364"/>
        <source>The fees of order {no} are not given back yet: void receipt {receipt} from this shift&apos;s payments (Ctrl+Shift+P).</source>
        <translation>业务 {no} 的费用尚未退还:请在本班次收款(Ctrl+Shift+P)中作废收据 {receipt}。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="376"/>
        <source>Reversal {no}</source>
        <translation>返销 {no}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="413"/>
        <source>The fees of order {no} are not taken yet: press Enter to take them, or Esc to give up the order.</source>
        <translation>业务 {no} 的费用尚未收取:按 Enter 收费,或按 Esc 放弃该业务。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="418"/>
        <source>&amp;Take the fees</source>
        <translation>收取费用(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="437"/>
        <source>The customer signs order {no}.</source>
        <translation>请客户为业务 {no} 签名。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/flow.py" line="459"/>
        <source>Order {no} taken; its service form prints.</source>
        <translation>业务 {no} 已受理,正在打印受理单。</translation>
    </message>
</context>
<context>
    <name>OrderHistoryDialog</name>
    <message>
        <location filename="../../ui/orders/history_dialog.py" line="40"/>
        <source>Orders — {name}</source>
        <translation>业务记录 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/history_dialog.py" line="49"/>
        <source>Enter reprints the chosen order&apos;s service form.</source>
        <translation>按 Enter 重打所选业务的受理单。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/history_dialog.py" line="55"/>
        <source>&amp;Reprint form</source>
        <translation>重打受理单(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/history_dialog.py" line="77"/>
        <source>This customer has no orders here yet.</source>
        <translation>该客户在此尚无业务记录。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/history_dialog.py" line="95"/>
        <source>Reprinted: {file}</source>
        <translation>已重打:{file}</translation>
    </message>
</context>
<context>
    <name>OrderPage</name>
    <message>
        <location filename="../../ui/orders/pages.py" line="69"/>
        <source>Nu&amp;mber</source>
        <translation>号码(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/pages.py" line="86"/>
        <source>This customer has no number for this.</source>
        <translation>该客户没有可办理此业务的号码。</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <location filename="extra_strings.py" line="337"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="338"/>
        <source>waiting for a supervisor</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="339"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="340"/>
        <source>in progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="341"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="342"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="343"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="344"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>OrderSummary</name>
    <message>
        <location filename="extra_strings.py" line="346"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="347"/>
        <source>New number</source>
        <translation>新号码</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="348"/>
        <source>SIM card</source>
        <translation>SIM 卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="349"/>
        <source>New SIM</source>
        <translation>新卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="350"/>
        <source>Old SIM (deactivated)</source>
        <translation>旧卡(停用)</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="351"/>
        <source>Plan</source>
        <translation>套餐</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="352"/>
        <source>Plan now</source>
        <translation>现套餐</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="353"/>
        <source>New plan</source>
        <translation>新套餐</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="354"/>
        <source>Takes effect</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="355"/>
        <source>Add-ons</source>
        <translation>增值业务</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="356"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="357"/>
        <source>Remove</source>
        <translation>退订</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="358"/>
        <source>Line status</source>
        <translation>号码状态</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="359"/>
        <source>New owner</source>
        <translation>新机主</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="360"/>
        <source>Number (cancelled)</source>
        <translation>销户号码</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="361"/>
        <source>Balance refunded in cash</source>
        <translation>余额现金退还</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="362"/>
        <source>Order reversed</source>
        <translation>返销的业务</translation>
    </message>
</context>
<context>
    <name>OrderType</name>
    <message>
        <location filename="extra_strings.py" line="327"/>
        <source>New line</source>
        <translation>开户</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="328"/>
        <source>Change plan</source>
        <translation>改套餐</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="329"/>
        <source>Add-ons</source>
        <translation>增值业务</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="330"/>
        <source>Suspend</source>
        <translation>报停</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="331"/>
        <source>Resume</source>
        <translation>复机</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="332"/>
        <source>Replace SIM</source>
        <translation>补换卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="333"/>
        <source>Transfer ownership</source>
        <translation>过户</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="334"/>
        <source>Cancel line</source>
        <translation>销户</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="335"/>
        <source>Reverse an order</source>
        <translation>返销</translation>
    </message>
</context>
<context>
    <name>OutboxStatus</name>
    <message>
        <location filename="../../ui/status_widgets.py" line="91"/>
        <source>{n} waiting to send</source>
        <translation>{n} 笔待上传</translation>
    </message>
    <message>
        <location filename="../../ui/status_widgets.py" line="93"/>
        <source>{n} refused — see Sync issues</source>
        <translation>{n} 笔被拒 — 请查看同步异常</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/payment_dialog.py" line="80"/>
        <source>Pay bills — {name}</source>
        <translation>缴费 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="80"/>
        <source>Top up — {name}</source>
        <translation>充值 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="81"/>
        <source>Order fees — {name}</source>
        <translation>业务费用 — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="106"/>
        <source>&amp;Amount (¥)</source>
        <translation>金额（¥）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="112"/>
        <source>Cash (F6)</source>
        <translation>现金 (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="113"/>
        <source>Card (F7)</source>
        <translation>银行卡 (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="114"/>
        <source>QR (F8)</source>
        <translation>扫码 (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="136"/>
        <source>Cash &amp;tendered (¥)</source>
        <translation>实收现金（¥）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="138"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="143"/>
        <source>Scan the customer&apos;s payment code</source>
        <translation>请扫描客户的付款码</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="144"/>
        <source>&amp;QR code</source>
        <translation>付款码(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="161"/>
        <location filename="../../ui/payment_dialog.py" line="336"/>
        <source>&amp;Pay</source>
        <translation>收款(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="204"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="205"/>
        <source>Unpaid bills
(oldest first)</source>
        <translation>欠费账单
（按账期从早到晚）</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="208"/>
        <source>Owed</source>
        <translation>未缴金额</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="216"/>
        <source>{period} · {owed} owed (due {due})</source>
        <translation>{period} · 未缴 {owed}（{due} 截止）</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="229"/>
        <source>account {no}</source>
        <translation>账户 {no}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="235"/>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="237"/>
        <source>Pre-deposit</source>
        <translation>预存话费</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="254"/>
        <source>&amp;Number</source>
        <translation>号码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="266"/>
        <source>Presets (Alt+1…4)</source>
        <translation>常用金额（Alt+1…4）</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="270"/>
        <source>no number</source>
        <translation>无号码</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="330"/>
        <source>Part-payment: {amount} of {owed} — {rest} stays owed</source>
        <translation>部分缴费：{owed} 中缴 {amount} — 仍欠 {rest}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="336"/>
        <source>Pay &amp;part</source>
        <translation>部分缴费(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="344"/>
        <source>empty: exactly {amount}</source>
        <translation>不填即实收 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="435"/>
        <source>This pays {amount} of {owed}. Press Pay again to take a part-payment, or correct the amount.</source>
        <translation>本次只缴 {owed} 中的 {amount}。再按一次缴费确认部分缴费，或修改金额。</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="478"/>
        <source>{why} Top-up of ¥{amount} for {name}.</source>
        <translation>{why} 为{name}充值 ¥{amount}。</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="355"/>
        <source>Short by {amount}</source>
        <translation>还差 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="366"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="376"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="385"/>
        <source>Cash tendered</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="399"/>
        <source>This customer has no number to top up.</source>
        <translation>该客户没有可充值的号码。</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="405"/>
        <source>This customer owes nothing.</source>
        <translation>该客户没有欠费。</translation>
    </message>
    <message>
        <location filename="../../ui/payment_dialog.py" line="407"/>
        <source>That number&apos;s account is not known here.</source>
        <translation>本地缓存中找不到该号码的账户。</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="49"/>
        <source>&amp;Reprint (Ctrl+P)</source>
        <translation>重打(&amp;R)（Ctrl+P）</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <location filename="../../ui/receipt_printer.py" line="74"/>
        <source>Receipt {no} as printed</source>
        <translation>收据 {no}（原样）</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <location filename="../../ui/registration_dialog.py" line="41"/>
        <source>Register a customer</source>
        <translation>客户实名登记</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="47"/>
        <source>&amp;Individual (resident ID)</source>
        <translation>个人(居民身份证)(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="49"/>
        <source>&amp;Enterprise (credit code)</source>
        <translation>单位(统一社会信用代码)(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="59"/>
        <location filename="../../ui/registration_dialog.py" line="102"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="60"/>
        <location filename="../../ui/registration_dialog.py" line="104"/>
        <source>I&amp;D number</source>
        <translation>证件号码(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="61"/>
        <source>Con&amp;tact person</source>
        <translation>经办人(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="62"/>
        <source>Contact person&apos;s ID nu&amp;mber</source>
        <translation>经办人身份证号(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="63"/>
        <source>Contact &amp;phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="64"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="75"/>
        <source>From the ID</source>
        <translation>证件信息</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="78"/>
        <source>F9 reads the ID card on the reader.</source>
        <translation>按 F9 读取读卡器上的身份证。</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="87"/>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="102"/>
        <source>Enterprise &amp;name</source>
        <translation>单位名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="104"/>
        <source>Credit co&amp;de</source>
        <translation>信用代码(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="121"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="121"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="122"/>
        <source>{gender}, born {born}</source>
        <translation>{gender},出生于 {born}</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="127"/>
        <source>Reading the ID card…</source>
        <translation>正在读取身份证…</translation>
    </message>
    <message>
        <location filename="../../ui/registration_dialog.py" line="139"/>
        <source>Read from the ID card: {name}.</source>
        <translation>已读取身份证:{name}。</translation>
    </message>
</context>
<context>
    <name>ReversePage</name>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="118"/>
        <source>&amp;Today&apos;s orders</source>
        <translation>今日业务(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="142"/>
        <source>No order of today can be reversed here.</source>
        <translation>今日没有可返销的业务。</translation>
    </message>
</context>
<context>
    <name>ScreenLocker</name>
    <message>
        <location filename="../../ui/screen_lock.py" line="237"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="332"/>
        <source>Unlocked by {name} ({staff_no}).</source>
        <translation>已由 {name}（{staff_no}）解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/screen_lock.py" line="353"/>
        <source>Tries left before you are signed out: {n}.</source>
        <translation>剩余尝试次数：{n}，用完将退出登录。</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="47"/>
        <source>Phone, ID or its tail, ICCID, account, name, pinyin</source>
        <translation>电话、证件或尾号、ICCID、账户、姓名、拼音</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="150"/>
        <source>Type at least 3 digits, 4 ID characters or a name.</source>
        <translation>请至少输入 3 位数字、4 位证件号码字符或客户名称。</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="152"/>
        <source>No customer found in this hall&apos;s cache.</source>
        <translation>本营业厅的缓存中未找到客户。</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="164"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="170"/>
        <source>more</source>
        <translation>更多</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="174"/>
        <source>{shown} of {total} — type more to narrow it down</source>
        <translation>共 {total} 条，显示 {shown} 条 — 请再多输入一些</translation>
    </message>
    <message>
        <location filename="../../ui/search_panel.py" line="177"/>
        <source>{count} found, searching by {kinds}</source>
        <translation>找到 {count} 位客户（按{kinds}查询）</translation>
    </message>
</context>
<context>
    <name>ShiftPaymentsDialog</name>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="43"/>
        <source>This shift&apos;s payments</source>
        <translation>本班收款记录</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="48"/>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="49"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="50"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="51"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="52"/>
        <source>Kind</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="53"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="54"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="55"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="68"/>
        <source>&amp;Reprint</source>
        <translation>重打(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="71"/>
        <source>Previe&amp;w…</source>
        <translation>预览(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="74"/>
        <source>&amp;Void…</source>
        <translation>作废(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="79"/>
        <source>Reason for a void</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="81"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="126"/>
        <source>No shift is open.</source>
        <translation>尚未开班。</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="128"/>
        <source>{n} payments, {total}</source>
        <translation>{n} 笔，{total}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="141"/>
        <source>voids {n} · {total}</source>
        <translation>作废 {n} 笔 · {total}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="145"/>
        <source>drawer {cash}</source>
        <translation>钱箱 {cash}</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="185"/>
        <source>Give the reason for the void first.</source>
        <translation>请先填写作废原因。</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="193"/>
        <source>Void receipt {no} of {amount}: a supervisor approves.</source>
        <translation>作废收据 {no}（{amount}）：需值班经理审批。</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="215"/>
        <source>Receipt {no} voided; the void slip prints.</source>
        <translation>收据 {no} 已作废，正在打印作废凭证。</translation>
    </message>
    <message>
        <location filename="../../ui/shift_payments_dialog.py" line="219"/>
        <source>Receipt {no} reprinted ({n}).</source>
        <translation>收据 {no} 已重打（第 {n} 次）。</translation>
    </message>
</context>
<context>
    <name>ShiftStatus</name>
    <message>
        <location filename="../../ui/status_widgets.py" line="26"/>
        <source>No shift</source>
        <translation>未开班</translation>
    </message>
    <message>
        <location filename="../../ui/status_widgets.py" line="54"/>
        <source>No shift — Ctrl+Shift+O opens one</source>
        <translation>未开班 — Ctrl+Shift+O 开班</translation>
    </message>
    <message>
        <location filename="../../ui/status_widgets.py" line="58"/>
        <source>Shift open since {time} · cash {cash}</source>
        <translation>班次 {time} 开班 · 现金 {cash}</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../ui/signature_pad.py" line="73"/>
        <source>Customer&apos;s signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location filename="../../ui/signature_pad.py" line="82"/>
        <source>Enter: take the signature · Delete: clear · Esc: sign on paper instead</source>
        <translation>Enter:确认签名 · Delete:清除 · Esc:改为纸面签名</translation>
    </message>
    <message>
        <location filename="../../ui/signature_pad.py" line="88"/>
        <source>&amp;Take signature</source>
        <translation>确认签名(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/signature_pad.py" line="91"/>
        <source>Sign on &amp;paper</source>
        <translation>纸面签名(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/signature_pad.py" line="102"/>
        <source>Nothing is signed yet: the customer signs in the box.</source>
        <translation>尚未签名:请客户在框内签名。</translation>
    </message>
</context>
<context>
    <name>SimReplacePage</name>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="27"/>
        <source>scan or type the new SIM card&apos;s ICCID</source>
        <translation>扫描或输入新 SIM 卡 ICCID</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="28"/>
        <source>New &amp;SIM card</source>
        <translation>新 SIM 卡(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="31"/>
        <source>F9 reads the customer&apos;s ID card</source>
        <translation>按 F9 读取客户身份证</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="32"/>
        <source>&amp;ID number (read again)</source>
        <translation>证件号码(重新读取)(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="45"/>
        <source>Scan or type the new SIM card&apos;s ICCID.</source>
        <translation>请扫描或输入新 SIM 卡 ICCID。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="47"/>
        <source>Read the customer&apos;s ID card again.</source>
        <translation>请重新读取客户身份证。</translation>
    </message>
</context>
<context>
    <name>StaffUnlockDialog</name>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="30"/>
        <source>Unlock a staff number</source>
        <translation>解锁工号</translation>
    </message>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="40"/>
        <source>&amp;Staff number</source>
        <translation>工号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="45"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="52"/>
        <source>A staff number is locked after too many wrong passwords. Unlock it once you know the person at the counter is its owner.</source>
        <translation>密码错误次数过多后工号会被锁定。确认柜台前的人就是该工号的本人后再解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="84"/>
        <source>{no} is unlocked: its owner can sign in again.</source>
        <translation>{no} 已解锁：本人可以重新登录。</translation>
    </message>
    <message>
        <location filename="../../ui/staff_unlock_dialog.py" line="86"/>
        <source>{no} was not locked.</source>
        <translation>{no} 未被锁定。</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../ui/orders/summary.py" line="54"/>
        <source>What changes</source>
        <translation>受理内容</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="55"/>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="57"/>
        <source>&amp;Waive (¥)</source>
        <translation>减免(¥)(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="58"/>
        <source>Waiver &amp;reason</source>
        <translation>减免原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="64"/>
        <source>To pay</source>
        <translation>应收</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="79"/>
        <source>Pre-deposit {fee}</source>
        <translation>预存话费 {fee}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="81"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="105"/>
        <source>Waive: {problem}</source>
        <translation>减免:{problem}</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="110"/>
        <source>Waive: a waiver cannot be more than the fees.</source>
        <translation>减免:减免金额不能超过费用。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="112"/>
        <source>Waiver reason: give the reason for the waiver.</source>
        <translation>减免原因:请填写减免原因。</translation>
    </message>
    <message>
        <location filename="../../ui/orders/summary.py" line="120"/>
        <source>Needs a supervisor: {why}</source>
        <translation>需值班经理审批:{why}</translation>
    </message>
</context>
<context>
    <name>SyncIssuesDialog</name>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="49"/>
        <source>Sync issues</source>
        <translation>同步异常</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="51"/>
        <source>waiting</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="52"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="53"/>
        <source>taken</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="54"/>
        <source>resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="58"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="59"/>
        <source>What</source>
        <translation>业务</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="60"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="61"/>
        <source>Receipt / order</source>
        <translation>收据 / 订单</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="130"/>
        <source>Waiting for the province; each goes as soon as it can. Those that need attention are ones the province keeps failing on: tell support.</source>
        <translation>等待发送到省级系统，能发时立即发送。标为“需要处理”的是省级系统一再出错的操作：请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="134"/>
        <source>Refused by the province and not booked there. A supervisor sends each again or sets it aside (give the money back), with a note.</source>
        <translation>被省级系统拒绝，未在省级入账。由值班经理逐笔重新发送或搁置（把钱退还客户），并写明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="137"/>
        <source>The latest actions the province took, or resolved here.</source>
        <translation>省级系统最近受理的操作，以及在本柜台处理过的操作。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="174"/>
        <source>Say why in a note.</source>
        <translation>请在备注中写明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="178"/>
        <source>Send {what} {no} to the province again.</source>
        <translation>将{what} {no} 重新发送到省级系统。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="180"/>
        <source>Set {what} {no} aside: it will not be booked; give the money back.</source>
        <translation>搁置{what} {no}：它不会入账；请把钱退还客户。</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="62"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="63"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="64"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="74"/>
        <source>&amp;Waiting</source>
        <translation>待发送(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="75"/>
        <source>&amp;Refused</source>
        <translation>被拒绝(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="76"/>
        <source>&amp;Sent</source>
        <translation>已发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="89"/>
        <source>why (for the audit)</source>
        <translation>原因（记入审计）</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="90"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="92"/>
        <source>Retry n&amp;ow (F5)</source>
        <translation>立即重试(&amp;O) (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="96"/>
        <source>Send a&amp;gain…</source>
        <translation>重新发送(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="99"/>
        <source>Set &amp;aside…</source>
        <translation>搁置(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_issues_dialog.py" line="119"/>
        <source>Needs attention (still being tried): {why}</source>
        <translation>需要处理（仍在重试）：{why}</translation>
    </message>
</context>
<context>
    <name>TransferPage</name>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="61"/>
        <source>the new owner&apos;s ID number, phone or name</source>
        <translation>新机主的证件号码、电话或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="62"/>
        <source>New &amp;owner</source>
        <translation>新机主(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="66"/>
        <source>&amp;Registered customers</source>
        <translation>已登记客户(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/orders/owner_pages.py" line="98"/>
        <source>Find the new owner (registered, and present).</source>
        <translation>请查找新机主(须已实名登记且本人到场)。</translation>
    </message>
</context>
<context>
    <name>ValidationError</name>
    <message>
        <location filename="extra_strings.py" line="28"/>
        <source>Enter the resident ID number.</source>
        <translation>请输入居民身份证号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="29"/>
        <source>15-digit IDs are no longer valid; ask for the 18-digit ID.</source>
        <translation>15 位身份证号码已停止使用，请客户出示 18 位号码的居民身份证。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="33"/>
        <source>The resident ID number must have 18 characters.</source>
        <translation>居民身份证号码应为 18 位。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="34"/>
        <source>The resident ID number must be 17 digits followed by a digit or X.</source>
        <translation>居民身份证号码应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="38"/>
        <source>The resident ID number&apos;s check digit is wrong; check for a typing error.</source>
        <translation>居民身份证号码校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="42"/>
        <source>The birth date in the resident ID number is not possible.</source>
        <translation>居民身份证号码中的出生日期无效。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="46"/>
        <source>The region code in the resident ID number is not known.</source>
        <translation>居民身份证号码中的行政区划代码无法识别。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="47"/>
        <source>Enter the mobile number.</source>
        <translation>请输入手机号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="48"/>
        <source>The mobile number may contain only digits, spaces, dashes and a leading +86.</source>
        <translation>手机号码只能包含数字、空格、连字符（-）以及开头的 +86。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="52"/>
        <source>The mobile number must have 11 digits.</source>
        <translation>手机号码应为 11 位数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="53"/>
        <source>The mobile number does not start with a Chinese mobile prefix.</source>
        <translation>该号码不属于中国大陆手机号段。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="57"/>
        <source>Enter the SIM card ICCID.</source>
        <translation>请输入 SIM 卡的 ICCID。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="58"/>
        <source>The ICCID may contain only digits.</source>
        <translation>ICCID 只能包含数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="59"/>
        <source>The ICCID must have 19 or 20 digits.</source>
        <translation>ICCID 应为 19 位或 20 位数字。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="60"/>
        <source>The ICCID must start with 89.</source>
        <translation>ICCID 必须以 89 开头。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="61"/>
        <source>The ICCID&apos;s check digit is wrong; check for a typing error.</source>
        <translation>ICCID 校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="65"/>
        <source>Enter the name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="66"/>
        <source>The name must have at most 50 characters.</source>
        <translation>姓名不能超过 50 个字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="67"/>
        <source>The name may contain only Chinese characters, Latin letters, spaces, the middle dot, full stops and hyphens.</source>
        <translation>姓名只能包含汉字、拉丁字母、空格、间隔号（·）、英文句点和连字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="72"/>
        <source>Enter the amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="73"/>
        <source>The amount must be a whole number of fen.</source>
        <translation>金额必须是以分为单位的整数。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="74"/>
        <source>The amount is outside the allowed range.</source>
        <translation>金额超出允许范围。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="75"/>
        <source>Enter the province server address.</source>
        <translation>请输入省中心服务器地址。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="76"/>
        <source>The server address must start with http:// or https://.</source>
        <translation>服务器地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="77"/>
        <source>Enter the hall code.</source>
        <translation>请输入营业厅编码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="78"/>
        <source>Enter the counter id.</source>
        <translation>请输入柜台编号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="79"/>
        <source>Enter your staff number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="80"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="82"/>
        <location filename="extra_strings.py" line="92"/>
        <source>Choose cash, card or QR.</source>
        <translation>请选择现金、银行卡或扫码支付。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="83"/>
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="84"/>
        <source>Enter the cash tendered.</source>
        <translation>请输入实收现金。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="85"/>
        <source>Enter the terminal&apos;s reference.</source>
        <translation>请输入终端参考号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="86"/>
        <source>Say why in a note.</source>
        <translation>请在备注中写明原因。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="87"/>
        <source>The cash tendered is less than the amount.</source>
        <translation>实收现金少于应收金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="88"/>
        <source>Scan the customer&apos;s payment code.</source>
        <translation>请扫描客户的付款码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="89"/>
        <source>The amount is more than is owed.</source>
        <translation>金额超过欠费金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="90"/>
        <source>The top-up is outside the allowed amounts.</source>
        <translation>充值金额超出允许范围。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="91"/>
        <source>Only bills and top-ups are paid here.</source>
        <translation>此处仅办理缴费和充值。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="93"/>
        <source>Give the reason for the void.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="94"/>
        <source>Count each denomination as a whole number.</source>
        <translation>各面额的数量必须是整数。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="95"/>
        <source>Explain the variance in a note.</source>
        <translation>请在备注中说明差额原因。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="261"/>
        <source>There is no such account of this customer.</source>
        <translation>这位客户没有这个账户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="262"/>
        <source>There is no such number of this customer.</source>
        <translation>这位客户没有这个号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="263"/>
        <source>This number is cancelled.</source>
        <translation>该号码已销户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="264"/>
        <source>This offering is not available on this kind of account.</source>
        <translation>这类账户不能办理这项产品。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="265"/>
        <source>This offering is not available to this kind of customer.</source>
        <translation>这类客户不能办理这项产品。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="268"/>
        <source>The customer is too young for this offering.</source>
        <translation>客户年龄未达到这项产品的要求。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="269"/>
        <source>This number is not in the hall&apos;s stock.</source>
        <translation>这个号码不在本厅号码库中。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="270"/>
        <source>A fee of this order is not in the catalog.</source>
        <translation>这笔订单的一项费用不在产品目录中。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="271"/>
        <source>A waiver cannot be more than its fee.</source>
        <translation>减免不能超过费用本身。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="272"/>
        <source>Give the reason for the waiver.</source>
        <translation>请填写减免原因。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="273"/>
        <source>The pre-deposit is not the number&apos;s; start the order again.</source>
        <translation>预存款与号码不符，请重新办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="276"/>
        <source>Choose prepaid or postpaid.</source>
        <translation>请选择预付费或后付费。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="277"/>
        <source>The line is already on this plan.</source>
        <translation>该号码已是这个套餐。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="278"/>
        <source>Choose from next month or now.</source>
        <translation>请选择次月生效或立即生效。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="279"/>
        <source>This plan can only start from next month.</source>
        <translation>这个套餐只能次月生效。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="280"/>
        <source>A plan change starts on the first of next month.</source>
        <translation>套餐变更从下月 1 日起生效。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="281"/>
        <source>Choose an add-on to add or remove.</source>
        <translation>请选择要开通或退订的增值业务。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="282"/>
        <source>Each add-on may be chosen once.</source>
        <translation>每项增值业务只能选一次。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="283"/>
        <source>The line already has this add-on.</source>
        <translation>该号码已开通这项增值业务。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="284"/>
        <source>The line does not have this add-on.</source>
        <translation>该号码没有开通这项增值业务。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="285"/>
        <source>Only an active line can be suspended.</source>
        <translation>只有正常使用的号码才能报停。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="286"/>
        <source>Only a suspended line can be resumed.</source>
        <translation>只有已报停的号码才能复机。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="287"/>
        <source>The ID card read is not this customer&apos;s; the SIM cannot be replaced.</source>
        <translation>读取的身份证不是这位客户的，不能补换卡。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="290"/>
        <source>Choose another customer to take the line.</source>
        <translation>请选择另一位客户承接该号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="291"/>
        <source>Choose the new owner&apos;s account.</source>
        <translation>请选择新机主的账户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="292"/>
        <source>The line has unpaid bills; they must be paid before it is cancelled.</source>
        <translation>该号码有未缴账单，须先缴清才能销户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="295"/>
        <source>Only orders taken today can be reversed.</source>
        <translation>只能返销当天办理的订单。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="296"/>
        <source>There is no such customer.</source>
        <translation>没有这位客户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="306"/>
        <source>The line has unpaid bills; they must be paid first.</source>
        <translation>该号码有未缴账单，须先缴清。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="325"/>
        <source>The amount is not what the order owes.</source>
        <translation>金额与该业务应收金额不符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="368"/>
        <source>Enter the unified social credit code.</source>
        <translation>请输入统一社会信用代码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="369"/>
        <source>The unified social credit code must have 18 characters.</source>
        <translation>统一社会信用代码必须为18位。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="370"/>
        <source>The credit code&apos;s check character is wrong; check for a typing error.</source>
        <translation>信用代码校验位不正确,请检查是否输错。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="373"/>
        <source>The unified social credit code has characters it cannot have.</source>
        <translation>统一社会信用代码含有不允许的字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="376"/>
        <source>Enter the address.</source>
        <translation>请输入地址。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="377"/>
        <source>The address must have at most 200 characters.</source>
        <translation>地址最多200个字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="378"/>
        <source>The photo is too large; read the card again.</source>
        <translation>照片过大,请重新读卡。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="379"/>
        <source>The photo is not readable; read the card again.</source>
        <translation>照片无法读取,请重新读卡。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="380"/>
        <source>Choose individual or enterprise.</source>
        <translation>请选择个人或单位。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="381"/>
        <source>Enter the enterprise&apos;s name.</source>
        <translation>请输入单位名称。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="382"/>
        <source>The enterprise&apos;s name must have at most 100 characters.</source>
        <translation>单位名称最多100个字符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="383"/>
        <source>The gender is not the one the ID number says.</source>
        <translation>性别与证件号码不符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="384"/>
        <source>Enter the birth date as YYYY-MM-DD.</source>
        <translation>请按 YYYY-MM-DD 输入出生日期。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="385"/>
        <source>The birth date is not the one the ID number says.</source>
        <translation>出生日期与证件号码不符。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="440"/>
        <source>Enter the staff number to unlock.</source>
        <translation>请输入要解锁的工号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="441"/>
        <source>This is not a staff number.</source>
        <translation>这不是有效的工号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="442"/>
        <source>The CA file holds no PEM certificate.</source>
        <translation>该 CA 文件中没有 PEM 格式的证书。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="443"/>
        <source>The CA file cannot be read.</source>
        <translation>无法读取该 CA 文件。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="444"/>
        <source>The note is too long (200 characters).</source>
        <translation>备注过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="299"/>
        <source>There is no such order of this customer at this hall.</source>
        <translation>本厅没有这位客户的这笔订单。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="297"/>
        <source>There is no such offering in the catalog.</source>
        <translation>产品目录中没有这项产品。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="298"/>
        <source>This SIM card is not in the hall&apos;s stock.</source>
        <translation>这张 SIM 卡不在本厅库存中。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="310"/>
        <source>This SIM card has already been used; take another.</source>
        <translation>这张 SIM 卡已被使用，请换一张。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="311"/>
        <source>The fees are not the catalog&apos;s; start the order again.</source>
        <translation>费用与产品目录不符，请重新办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="312"/>
        <source>This order cannot be reversed.</source>
        <translation>这笔订单不能返销。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="307"/>
        <source>This number has just been taken by another counter; choose another.</source>
        <translation>这个号码刚被其他柜台选走，请另选一个。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="303"/>
        <source>The customer has overdue bills; they must be paid before a new line.</source>
        <translation>客户有逾期账单，须先缴清才能开新号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="300"/>
        <source>This ID already holds as many lines as the province allows (一证五号).</source>
        <translation>该证件名下的号码已达全省上限（一证五号）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../ui/main.py" line="81"/>
        <source>An unexpected error occurred. It has been logged; please tell support.</source>
        <translation>发生意外错误，已记入日志，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="111"/>
        <source>No keyring works on this computer ({why}), so the key that encrypts the cache of customers&apos; personal data cannot be kept: a key made now would be lost at the next start, and with it the actions waiting to be sent. Counter does not start.

An administrator can set up the keyring, or accept an unencrypted cache on this computer by setting &quot;cache_encryption&quot;: &quot;off&quot; in {file}.</source>
        <translation>本机没有可用的密钥环（{why}），无法保存加密客户个人信息本地缓存的密钥：现在生成的密钥会在下次启动时丢失，等待发送的操作也会随之无法读取。柜台程序不启动。

管理员可以配置密钥环，或在 {file} 中设置 &quot;cache_encryption&quot;: &quot;off&quot;，接受本机使用未加密的本地缓存。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="119"/>
        <source>The cache in {folder} is encrypted (or is not a database), but the setting &quot;cache_encryption&quot; is &quot;off&quot; in {file}. Counter does not start: an administrator sets it back to &quot;keyring&quot; where the keyring holds the cache&apos;s key.</source>
        <translation>{folder} 中的本地缓存已加密（或不是数据库），但 {file} 中的设置 &quot;cache_encryption&quot; 为 &quot;off&quot;。柜台程序不启动：请管理员在密钥环保存着缓存密钥的电脑上将其改回 &quot;keyring&quot;。</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="158"/>
        <source>Counter is already running on this computer.</source>
        <translation>本机已在运行营业柜台程序。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="extra_strings.py" line="118"/>
        <source>The staff number or the password is wrong.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="120"/>
        <source>This staff member does not work in this hall.</source>
        <translation>该工号不属于本营业厅。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="119"/>
        <source>There is no hall with this code.</source>
        <translation>营业厅编码不存在。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="102"/>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="109"/>
        <source>Someone changed this record meanwhile. Reload it and try again.</source>
        <translation>该记录已被他人修改，请重新加载后再试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="187"/>
        <source>Enter the supervisor&apos;s staff number and password.</source>
        <translation>请输入值班经理的工号和密码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="131"/>
        <location filename="extra_strings.py" line="188"/>
        <source>A supervisor cannot approve their own action.</source>
        <translation>值班经理不能审批自己的操作。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="189"/>
        <location filename="extra_strings.py" line="403"/>
        <source>The supervisor&apos;s staff number or password is wrong.</source>
        <translation>值班经理工号或密码错误。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="130"/>
        <location filename="extra_strings.py" line="190"/>
        <source>Only a supervisor of this hall can approve.</source>
        <translation>只有本营业厅的值班经理才能审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="144"/>
        <location filename="extra_strings.py" line="195"/>
        <source>Open a shift before taking payments.</source>
        <translation>请先开班再收款。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="196"/>
        <source>Card and QR payments need the link to the province. Take cash, or wait for the link.</source>
        <translation>刷卡和扫码支付需要连通省中心。请收现金，或等待网络恢复。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="204"/>
        <source>That account is not in this hall&apos;s cache.</source>
        <translation>本营业厅的缓存中没有该账户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="205"/>
        <source>This account owes nothing.</source>
        <translation>该账户没有欠费。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="206"/>
        <source>That number is not known here.</source>
        <translation>本地缓存中找不到该号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="173"/>
        <location filename="extra_strings.py" line="207"/>
        <source>This number is cancelled; it cannot be topped up.</source>
        <translation>该号码已销户，不能充值。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="208"/>
        <source>No card terminal is configured.</source>
        <translation>未配置刷卡终端。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="209"/>
        <source>The customer&apos;s wallet declined the payment. Nothing was charged.</source>
        <translation>客户的支付账户拒绝了本次付款，未扣款。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="213"/>
        <source>That payment is not in the cache.</source>
        <translation>缓存中没有该笔收款。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="179"/>
        <location filename="extra_strings.py" line="214"/>
        <source>This payment is already voided.</source>
        <translation>该笔收款已作废。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="98"/>
        <source>The province could not read the request. Try again; if it happens again, call support.</source>
        <translation>省级系统无法识别该请求。请重试；如仍出现，请联系技术支持。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="103"/>
        <source>You are not allowed to do this.</source>
        <translation>您无权执行此操作。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="104"/>
        <source>The province has no such record. Reload and try again.</source>
        <translation>省级系统中没有该记录。请刷新后重试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="105"/>
        <source>The province does not offer this here. Call support.</source>
        <translation>省级系统在此不提供该功能。请联系技术支持。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="106"/>
        <source>This was changed at the same moment elsewhere. Reload and try again.</source>
        <translation>该记录同时在别处被修改。请刷新后重试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="112"/>
        <source>The province did not accept this input.</source>
        <translation>省级系统未接受该输入。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="113"/>
        <source>A supervisor&apos;s approval is needed for this.</source>
        <translation>此操作需要值班经理授权。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="114"/>
        <source>The province failed to do this. Nothing was changed; try again.</source>
        <translation>省级系统处理失败，未做任何更改；请重试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="117"/>
        <source>The province is busy. The counter tries again by itself.</source>
        <translation>省级系统繁忙，柜台会自动重试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="121"/>
        <source>Only a supervisor may do this.</source>
        <translation>只有值班经理可以执行此操作。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="122"/>
        <source>This counter runs Counter {client}; the province accepts {minimum} or newer. Update the counter&apos;s software; the entries waiting on it are kept.</source>
        <translation>本柜台运行的是 Counter {client}；省级系统只接受 {minimum} 或更新版本。请升级柜台软件；柜台上待上传的记录会保留。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="126"/>
        <source>The province does not read what this counter&apos;s software writes. Update the counter; the entries waiting on it are kept.</source>
        <translation>省级系统无法读取本柜台软件写入的数据。请升级柜台软件；柜台上待上传的记录会保留。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="132"/>
        <source>The supervisor&apos;s approval is missing, used or expired. Ask again.</source>
        <translation>值班经理的授权缺失、已使用或已过期。请重新申请。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="135"/>
        <source>This action clashes with an earlier one. Call support before trying again.</source>
        <translation>此操作与先前的操作冲突。重试前请先联系技术支持。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="138"/>
        <source>The province already has this. Reload to see it.</source>
        <translation>省级系统中已有该记录。请刷新查看。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="139"/>
        <source>This receipt number is already used at the province. Call support.</source>
        <translation>该收据号在省级系统中已被使用。请联系技术支持。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="142"/>
        <source>You already have an open shift; close it first.</source>
        <translation>您已有一个未结班次，请先结班。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="143"/>
        <source>This shift is closed; open a new one.</source>
        <translation>该班次已结班，请开新班次。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="145"/>
        <source>This entry is no longer waiting for a decision.</source>
        <translation>这条记录已不在等待处理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="146"/>
        <source>This entry&apos;s shift is closed: set it aside, and take it again in an open shift.</source>
        <translation>这笔操作所在班次已交班：请搁置，并在当前班次重新办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="150"/>
        <source>This QR payment never reached the province: nothing was taken.</source>
        <translation>这笔扫码支付未到达省级系统：未扣任何钱。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="151"/>
        <source>The province holds this payment&apos;s request with other details. Call support.</source>
        <translation>省级系统中这笔付款的请求内容不同。请联系技术支持。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="155"/>
        <source>Settle the unfinished card charge first (Counter, Unfinished card charges, Ctrl+Shift+U).</source>
        <translation>请先处理未完成的刷卡扣款（柜台 → 未完成的刷卡扣款，Ctrl+Shift+U）。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="160"/>
        <source>payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="161"/>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="162"/>
        <source>open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="163"/>
        <source>close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="164"/>
        <source>service order</source>
        <translation>业务订单</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="165"/>
        <source>Only the clerk who opened a shift closes it.</source>
        <translation>只有开班的营业员才能结班。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="166"/>
        <source>Only payments of your open shift can be voided here.</source>
        <translation>此处只能作废您当前班次内的收款。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="167"/>
        <source>The province and the counter disagree on the drawer: a payment is missing on one side. Wait for the upload, or ask a supervisor.</source>
        <translation>省级系统与柜台的钱箱金额不一致：有一笔收款只在一方。请等待上传完成，或请值班经理处理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="171"/>
        <source>The province has no such account. Reload the customer.</source>
        <translation>省级系统中没有该账户。请重新加载客户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="172"/>
        <source>There is no such number on this account.</source>
        <translation>该账户下没有此号码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="174"/>
        <source>This account has no unpaid bills.</source>
        <translation>该账户没有未缴账单。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="175"/>
        <source>The amount is more than is owed.</source>
        <translation>金额超过欠费金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="176"/>
        <source>The payment was declined. Nothing was charged; ask for another method.</source>
        <translation>支付被拒绝，未扣款；请换一种支付方式。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="180"/>
        <source>The top-up has already been spent; it cannot be voided.</source>
        <translation>该笔充值已被使用，不能作废。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="191"/>
        <source>Offline approvals work again after this counter&apos;s next sync with the province; approve while the link is up.</source>
        <translation>离线授权要等本柜台与省级系统下次同步后才能再用；请在联网时授权。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="200"/>
        <source>A top-up this large while the province is unreachable needs a supervisor&apos;s approval.</source>
        <translation>省级系统不可达时，这么大金额的充值需要值班经理批准。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="215"/>
        <source>Only payments of the current shift can be voided.</source>
        <translation>只能作废本班次的收款。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="216"/>
        <source>The province refused this payment; there is nothing to void.</source>
        <translation>省中心已拒绝该笔收款，无需作废。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="217"/>
        <source>You already have an open shift.</source>
        <translation>您已开班，尚未交班。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="218"/>
        <source>That shift is not in the cache.</source>
        <translation>缓存中没有该班次。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="219"/>
        <source>There is no open shift to close.</source>
        <translation>当前没有需要交班的班次。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="220"/>
        <source>The province refused to open this shift; see Sync issues.</source>
        <translation>省中心拒绝了本次开班，请查看同步异常。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="221"/>
        <source>The province has not accepted every payment of this shift yet.</source>
        <translation>本班尚有收款未被省中心受理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="225"/>
        <source>A variance this large needs a supervisor&apos;s approval.</source>
        <translation>差额较大，需值班经理审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="238"/>
        <source>There is no such customer.</source>
        <translation>没有这位客户。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="239"/>
        <source>There is no such offering in the catalog.</source>
        <translation>产品目录中没有这项产品。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="240"/>
        <source>This SIM card is not in the hall&apos;s stock.</source>
        <translation>这张 SIM 卡不在本厅库存中。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="241"/>
        <source>There is no such order of this customer at this hall.</source>
        <translation>本厅没有这位客户的这笔订单。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="242"/>
        <source>This ID already holds as many lines as the province allows (一证五号).</source>
        <translation>该证件名下的号码已达全省上限（一证五号）。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="245"/>
        <source>The customer has overdue bills; they must be paid before a new line.</source>
        <translation>客户有逾期账单，须先缴清才能开新号。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="248"/>
        <source>The line has unpaid bills; they must be paid first.</source>
        <translation>该号码有未缴账单，须先缴清。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="249"/>
        <source>The customer or the account may not have this offering.</source>
        <translation>该客户或账户不能办理这项产品。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="250"/>
        <source>This number has just been taken by another counter; choose another.</source>
        <translation>这个号码刚被其他柜台选走，请另选一个。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="253"/>
        <source>This SIM card has already been used; take another.</source>
        <translation>这张 SIM 卡已被使用，请换一张。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="254"/>
        <source>The line is not in a state that allows this order.</source>
        <translation>号码当前状态不能办理这项业务。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="255"/>
        <source>The order changes nothing; check what was chosen.</source>
        <translation>这笔订单没有任何变更，请检查所选内容。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="256"/>
        <source>The ID card read is not this customer&apos;s.</source>
        <translation>读取的身份证不是这位客户的。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="257"/>
        <source>The fees are not the catalog&apos;s; start the order again.</source>
        <translation>费用与产品目录不符，请重新办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="258"/>
        <source>This order cannot be reversed.</source>
        <translation>这笔订单不能返销。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="259"/>
        <source>The order is not in a state that allows this.</source>
        <translation>订单当前状态不允许此操作。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="260"/>
        <source>A customer with this ID is already registered.</source>
        <translation>该证件号的客户已登记。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="313"/>
        <source>The province cannot be reached; this order waits until the link is back.</source>
        <translation>暂时连不上省公司系统，这笔订单等网络恢复后再办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="316"/>
        <source>Open a shift first (Ctrl+Shift+O): this order&apos;s fees are taken into it.</source>
        <translation>请先开班(Ctrl+Shift+O):该业务的费用需计入班次。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="319"/>
        <source>This kind of order needs a supervisor&apos;s approval.</source>
        <translation>此类业务需值班经理审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="320"/>
        <source>A waiver this large needs a supervisor&apos;s approval.</source>
        <translation>减免金额较大,需值班经理审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="321"/>
        <source>This order is not waiting for its fees.</source>
        <translation>该业务不在待收费状态。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="322"/>
        <source>Reverse the order first (返销); its fees are voided after that.</source>
        <translation>请先返销该业务,之后再作废其费用。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="363"/>
        <source>Registering a customer needs the link to the province; try again when it is back.</source>
        <translation>客户登记需要连接省中心,请在连接恢复后再试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="367"/>
        <source>No card on the reader: place the ID card on it.</source>
        <translation>读卡器上没有证件:请放上身份证。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="386"/>
        <source>Open a shift first (Ctrl+Shift+O): the line&apos;s balance is paid out of it.</source>
        <translation>请先开班(Ctrl+Shift+O):号码余额需从班次现金中退还。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="389"/>
        <source>Cannot reach the province server (check the address and the network), and you have not signed in on this counter before: signing in here needs the link once.</source>
        <translation>无法连接省中心服务器(请检查地址和网络),且您从未在本柜台登录过:首次登录需要连接省中心。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="394"/>
        <source>The province no longer accepts your sign-in (your account or password changed while the link was down). You are signed out; your entries are kept and go with your next sign-in.</source>
        <translation>省中心已不再接受您的登录(断网期间您的账号或密码已变更)。您已退出登录;您的记录已保留,将在下次登录后发送。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="401"/>
        <source>Type the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="402"/>
        <source>The password is wrong.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="404"/>
        <source>Only the clerk signed in here or a supervisor of this hall can unlock.</source>
        <translation>只有在此登录的营业员或本营业厅的值班经理才能解锁。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="407"/>
        <source>This counter keeps nothing to check your password against: a supervisor of the hall can unlock it.</source>
        <translation>本柜台没有可用于核对您密码的凭据：请本营业厅的值班经理解锁。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="412"/>
        <source>This supervisor&apos;s password cannot be checked on this counter until the next sync with the province: unlock with your own password.</source>
        <translation>与省中心下次同步之前，本柜台无法核对该值班经理的密码：请用您自己的密码解锁。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="417"/>
        <source>Too many wrong passwords: you are signed out. Sign in again; your entries are kept.</source>
        <translation>密码错误次数过多，您已退出登录。请重新登录；您的记录均已保留。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="423"/>
        <source>This amount is more than a supervisor may approve while the province is unreachable; it needs the link.</source>
        <translation>省级系统不可达时，值班经理无权批准这么大的金额；需要在网络连通时办理。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="427"/>
        <source>This supervisor cannot approve while the province is unreachable yet (they must sign in once with the link up); approve while the link is up.</source>
        <translation>该值班经理暂时不能在省级系统不可达时审批（须先在网络连通时登录一次）；请在网络连通时审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="431"/>
        <source>This amount is more than a supervisor may approve while the province is unreachable; it needs an approval with the link up.</source>
        <translation>省级系统不可达时，值班经理无权批准这么大的金额；需要在网络连通时审批。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="435"/>
        <source>Too many wrong passwords. Try again in {seconds} s.</source>
        <translation>密码错误次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="436"/>
        <source>This staff number is locked after too many wrong passwords. A supervisor of the hall or an administrator can unlock it.</source>
        <translation>该工号因密码错误次数过多已被锁定，可由本营业厅值班经理或管理员解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="139"/>
        <source>The card was declined. Nothing was charged; ask for another card or another method.</source>
        <translation>银行卡被拒，未扣款；请客户换一张卡或改用其他支付方式。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="144"/>
        <source>The card terminal did not answer. Nothing was charged; try again.</source>
        <translation>刷卡终端无响应，未扣款；请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="148"/>
        <source>The server at this address did not prove it is the province (its certificate is not trusted). Check the address and the CA file in this counter&apos;s settings.</source>
        <translation>该地址的服务器未能证明自己是省级系统（其证书不受信任）。请检查本柜台设置中的服务器地址和 CA 证书文件。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="154"/>
        <location filename="extra_strings.py" line="181"/>
        <source>Cannot reach the province server. Check the address and the network.</source>
        <translation>无法连接省中心服务器，请检查服务器地址和网络。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="159"/>
        <location filename="extra_strings.py" line="185"/>
        <source>Something went wrong: {error}</source>
        <translation>出现错误：{error}</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <location filename="extra_strings.py" line="227"/>
        <source>The amount is empty.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="228"/>
        <source>The amount must not be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="229"/>
        <source>The amount must contain only digits and one decimal point.</source>
        <translation>金额只能包含数字和一个小数点。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="230"/>
        <source>The amount has misplaced thousands separators.</source>
        <translation>金额中的千位分隔符位置不正确。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="231"/>
        <source>The amount has more than two decimal places.</source>
        <translation>金额最多只能有两位小数。</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="232"/>
        <source>The amount is too large.</source>
        <translation>金额过大。</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <location filename="../../ui/payment_labels.py" line="13"/>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="15"/>
        <source>bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="16"/>
        <source>top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="22"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="23"/>
        <source>card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="24"/>
        <source>QR</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="31"/>
        <source>refused by the province</source>
        <translation>省中心已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="33"/>
        <source>not sent: see the supervisor</source>
        <translation>未发送：请找值班经理</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="35"/>
        <source>set aside (not booked)</source>
        <translation>已搁置（未入账）</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="37"/>
        <source>voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="39"/>
        <source>void slip</source>
        <translation>作废凭证</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="41"/>
        <source>waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="43"/>
        <source>being confirmed</source>
        <translation>确认中</translation>
    </message>
    <message>
        <location filename="../../ui/payment_labels.py" line="44"/>
        <source>accepted</source>
        <translation>已受理</translation>
    </message>
</context>
<context>
    <name>vip</name>
    <message>
        <location filename="extra_strings.py" line="234"/>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="235"/>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <location filename="extra_strings.py" line="236"/>
        <source>Platinum</source>
        <translation>白金卡</translation>
    </message>
</context>
</TS>
