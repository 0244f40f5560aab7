/// Bambara (Bamanankan) and the French–Bambara mix heard at stations and written on social media.
///
/// Bambara negation sits in the predicate marker (`a ka di` good / `a man di` not good, `a ka ɲi` /
/// `a ma ɲi`, `a bɛ yen` / `a tɛ yen`), so it is written as phrases: a bare `ma` or `te` is also
/// French (`ma voiture`, `je te dis`) and must not flip anything on its own. Both the official
/// letters (`ɛ ɔ ɲ`) and the ASCII spellings (`e o ny`, `gn`, `ni`) fold to the same keys.
enum LexiconBambara {
    static let text = """
    a_ka_di=2.5 ka_di=2.2 kadi=2 akadi=2.2 a_ka_di_kosebe=3 a_diyara=2.3 diyara=2 ka_diya=2
    a_man_di=-2.5 man_di=-2.2 ma_di=-2 ma_diya=-2 a_ma_diya=-2.3 man_diya=-2 tɛ_di=-2 te_di=-2
    a_ka_ɲi=2.5 ka_ɲi=2.2 ka_ni=1.8 ka_gni=2.2 ka_nyi=2.2 a_ka_nyi=2.5 kaɲi=2 kanyi=2 kagni=2
    a_ma_ɲi=-2.5 ma_ɲi=-2.2 man_ɲi=-2.2 ma_nyi=-2.2 ma_gni=-2.2 man_nyi=-2.2 tɛ_ɲi=-2 te_nyi=-2
    ɲuman=2 nyuman=2 numan=2 gnuman=2 ɲumanw=2 ka_ɲi_kosɛbɛ=3
    kosɛbɛ^1.5 kosebe^1.5 kocebe^1.5 koseben^1.5
    a_dan=2 adan=2 a_dan_do=2.2 adando=2.2 fo_saya=2.5 fosaya=2.5 foli=1.2 fo_ba=1.5
    barika=2 barikaba=2.2 barika_da=2 barikada=2 i_ni_ce=2 i_ni_tie=2 ini_ce=2 ini_tie=2 inice=2
    initie=2 a_ni_ce=2 aw_ni_ce=2 awni_ce=2 anw_ni_ce=2 i_ni_che=2 i_ni_cé=2 ni_ce=1.5
    allah_ka=1.2 ala_ka=1.2 allah_ka_deme=1.8 ala_ka_deme=1.8 ala_ka_dɛmɛ=1.8 allah_ka_baraji=2
    ala_ka_baraji=2 allah_ka_here=1.8 ala_ka_hɛrɛ=1.8 amiina=1.2 amina=1.2 amine=1.2 machallah=2
    masha_allah=2 mashallah=2 barakallah=2 barakalah=2 alhamdoulillah=1.5 hamdoulillah=1.5
    nisɔndiya=2.5 nisondiya=2.5 diya=1.5 kanu=1.8 kanuya=1.8 tanu=1.5 a_ka_ca=1.2 ka_teli=1.8@waiting
    baara_ka_teli=2.3@waiting teliya=1.5@waiting joona=1.2@waiting
    maliba=1.5 magni=1 walahi~ wallahi~ waa~ awo~
    gɔn_den=-2.5 gon_den=-2.5 gonden=-2.5 gon_deni=-2.5 ɲɛgɔden=-2.5 nyegoden=-2.5 niegoden=-2.5
    gniegoden=-2.5 gnego_den=-2.5 nyego_den=-2.5 niego_den=-2.5 hasidi=-2.5 hasidiya=-2.5
    hasidi_den=-2.8 hasidiw=-2.5 jugu=-2 djougou=-2 jougou=-2 juguya=-2.2 fatɔ=-2 fato=-2 nalon=-2
    nalonw=-2 nalo=-2 wulu=-1.5 wulu_den=-2.5 blakoro=-2.5 bilakoro=-2.5 malo=-1.5 maloya=-1.5
    i_malo=-2 kabako=-0.8 tchai=-1.2 tchrr=-1.5 tchip=-1.5 tchiip=-1.5 tchrrr=-1.5 sabali=-1
    i_sera_sabali=-2 sabali_sa=-1.5 dimi=-1.5 dimina=-1.5 bana=-1.2 faga=-1.5 tɔɔrɔ=-1.8 tooro=-1.8
    nimisa=-1.5 ɲagami=-1.5 nyagami=-1.5 gniagami=-1.5 gɛlɛn=-1 gelen=-1 ka_gelen=-1.5 ka_gɛlɛn=-1.5
    sɔngɔ@price songo@price sɔngɔ_ka_gɛlɛn=-2@price songo_ka_gelen=-2@price sɔngɔ_ka_nɔgɔn=1.8@price
    songo_ka_nogon=1.8@price a_sɔngɔ_ka_gɛlɛn=-2.2@price
    makɔnɔ=-0.8@waiting makono=-0.8@waiting waati_jan=-1.5@waiting mɔgɔw_makɔnɔ=-1@waiting
    baara_kɛlaw@staff baarakɛlaw@staff baara_kelaw@staff
    nɛnɛ_ji$ nene_ji$ gazi$ gaz$ tasuma$ ji$ esansi$ sanu~
    duman=2 douman=2 a_duman=2.2 diara=1.8 djara=1.8 a_diara=2 belebele=1.2 belebeleba=1.5
    fo_sa_ya=2.5 foo_saya=2.5 faut_saya=2 fo_saya_saya=2.8 o_kelen_do=1.8 okelen_do=1.8 okelendo=1.8
    okeledo=1.8 okeldo=1.8 okldo=1.8 kelen_pe=1.5 tinye_don=1.2 tinye_do=1.2 tignedo=1.2 tiendo=1.2
    tchiendo=1.2 tchien_do=1.2 tigne_do=1.2 i_jo_don=1.2 i_djo_do=1.2 djodo=1.2 i_jo=1 barikatigui=1.8
    barikatigi=1.8 c_est_la_loi=1.8 la_loi=1 boss=1.5 star=1.5 king=1.8 numero_1=2 numero_un=2
    number_one=2 n_1=1.5 legende=2 idole=2 puissance=0.8 puissanci=1 magne=1 halala=1.5 force_a_toi=2
    bonne_chance=1.8 yafa=0.8 yafama=0.8 kossobe^1.5 kosobe^1.5 kossebe^1.5 allah_ki=1 ala_ki=1
    tasoumado=1 kanuba=2 i_ka_di=2 a_ka_jugu=-2.5 a_ka_djougou=-2.5 ka_jugu=-2.2 ka_djougou=-2.2
    nyagoden=-2.5 gnagoden=-2.5 fafaro=-2 fafro=-2 satiokola=-1.5 batard=-2.8 batar=-2.8 kunfin=-2
    kounfin=-2 kunfe=-1.5 namara=-2 namaras=-2 nanbara=-2 nambara=-2 lonbali=-2 lonbaliya=-2
    
    gon=-1.5 gɔn=-1.5 gondeni=-2.5 goden=-2.5 godeni=-2.5 koko=-1.2 kokoden=-2.2 koko_den=-2.2
    niago_den=-2.5 gningo_den=-2.5 gnengo_den=-2.5 gniego_den=-2.5 yingo_den=-2.5 nyago_den=-2.5
    biai=-1.5 biai_den=-2.5 babie=-1.5 babie_den=-2.5 bieden=-2.5 babiede=-2.5 lalouma=-2 laloma=-2
    lalouma_den=-2.5 boda=-2.5 bouda=-2.5 bodawo=-2.5 tchur=-1.5 tchurr=-1.5 thur=-1.5 thurr=-1.5
    tchrs=-1.5 tchrrs=-1.5 manyi=-2 man_yi=-2 ma_gnai=-2 man_gnai=-2 maloyala=-2 malola=-2
    maloyaye=-2 blackoro=-2.5 blakorow=-2.5 wuluforo=-2.5 djugu=-2 djougouya=-2 djuguya=-2
    djugula=-2 sabaly=-1 saballi=-1 i_sera_sabaly=-2 sabali_ye=-1.2 pd=-2.5 snitch=-1.5
    
    kana! tɛ_sabali=-1.5 te_sabali=-1.5 gaspi=-1.2 gaspillage=-1.5 dabali=-1.2 djalon=-1.5
    """
}
