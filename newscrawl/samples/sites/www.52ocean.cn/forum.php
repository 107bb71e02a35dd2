<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>吾爱海洋论坛 -  吾爱海洋论坛 -  Powered by Discuz!</title>
<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2021 Tencent Cloud." />

<base href="https://www.52ocean.cn/" /><link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Kx7" />
<script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Kx7', charset = 'gbk', discuz_uid = '0', cookiepre = 'Oc3a_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0';</script>
<script src="data/cache/common.js?Kx7" type="text/javascript"></script>
</head>
<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="toptb" class="cl"><div class="wp"><div class="z"><a href="https://www.52ocean.cn/">吾爱海洋</a></div>
<div class="y"><a href="member.php?mod=register">注册</a> <a href="member.php?mod=logging&amp;action=login">登录</a></div></div></div>
<div id="hd"><div class="wp"><h2><a href="./" title="吾爱海洋论坛">吾爱海洋</a></h2>
<form id="scbar_form" method="post" action="search.php?searchsubmit=yes" target="_blank"><input type="text" name="srchtxt" /></form></div></div>
<div id="wp" class="wp"><div class="fl bm"><div class="bm_h"><h2>海洋论坛</h2></div>
<table class="fl_tb"><tr><td class="fl_g"><dl><dt><a href="forum-58-1.html">海洋经济</a></dt><dd>主题: 5, 帖数: 17</dd></dl></td>
<td class="fl_g"><dl><dt><a href="forum-36-1.html">海洋科普</a></dt><dd>主题: 0</dd></dl></td></tr></table></div></div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p><a href="archiver/">Archiver</a><span class="pipe">|</span>
<a href="forum.php?mobile=yes">手机版</a><span class="pipe">|</span><strong><a href="https://www.52ocean.cn/" target="_blank">吾爱海洋</a></strong>
( <a href="http://beian.miit.gov.cn/" target="_blank">鲁ICP备19023456号-1</a> )</p></div>
<div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p></div></div>
</body></html>
