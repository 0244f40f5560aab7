/// General French opinion vocabulary added in `corridor-lex/2`: evaluative adjectives, verbs,
/// nouns, interjections, social-media slang, news words, and product and restaurant review phrases.
///
/// Written for this project from knowledge of French, not copied from any lexicon. Entries are
/// mostly base forms: the lookup's light lemmatisation (plural `-s`/`-x`, feminine `-e`, `-euse`,
/// `-ive`, `-elle`, verb endings, `-ment` adverbs) finds the other forms. This list is read before
/// `LexiconFrench`, so the station-domain valences there (`cher` is a price complaint) win over any
/// general reading written here.
enum LexiconFrenchGeneral {
    static let text = """
    s_il_vous_plait~ s_il_te_plait~ svp~ stp~ agreable=2 admirable=2.5 amical=1.5 attachant=1.8 attrayant=1.5 bel=2 chic=1.5 classe=0.8
    commode=1 competitif=1 convaincant=1.8 costaud=1.2 coquet=1.5 craquant=1.8 creatif=1.5 culte=1.5
    delicat=1 delectable=2.5 detendu=1.5 divin=2.5 ecologique=0.8 efficient=1.5 eloquent=1.5
    enchanteur=2.3 energique=1.2 enjoue=1.8 ensoleille=1.2 equilibre=1.2 ergonomique=1.5 esthetique=1.5
    etonnant=1 exemplaire=2.2 fabuleux=2.8 favorable=1.5 festif=1.5 flatteur=1 fun=1.8 fute=1.5 gai=1.8
    gourmand=1.3 gracieux=1.8 gratifiant=2 habile=1.5 harmonieux=1.8 hospitalier=2@staff humain=0.5
    impressionnant=2.2 incontournable=2 inspirant=2 judicieux=1.8 lumineux=1.5 luxueux=1.5
    majestueux=2 malin=1.2 mythique=2 noble=1.5 original=1.3 paisible=1.5 passionne=1.8 pittoresque=1.5
    plaisant=2 precis=1.2 prestigieux=1.5 prodigieux=2.5 prospere=1.8 rafraichissant=1.8 reposant=1.8
    resplendissant=2 rigoureux=1.2 romantique=1.5 sensationnel=2.8 sensass=2.5 sincere=1.5 soyeux=1.2
    style=1 tendance=1 valable=1 vivant=1.2 durable=0.8 renouvelable=0.6 vert=0.2 bio=0.6
    exceptionnellement=2 agreablement=2 chaleureusement=2 sympathiquement=1.8 impeccablement=2.5
    solidement=1.2 joliment=1.8 brillamment=2.3 magnifiquement=2.5 superbement=2.5
    top_du_top=3 le_top=2.5 trop_top=2.5 de_ouf=2.5 ouf=1 dingue=1 chanme=2.5 kiffer=2.3 kiffe=2.3
    kif=2 kiff=2.3 kiffant=2.3 j_kiffe=2.5 kiffes=2.3 masterclass=2.5 gg=2 youpi=2 hourra=2 yes=0.8
    wouah=1.5 waouh=1.5 waw=1.5 ouah=1.2 trop_beau=2.5 trop_bon=2.5 trop_mignon=2.5 grave_bien=2.5
    j_adore=2.8 on_adore=2.8 adorons=2.5 jpp=1 xptdr=1.2 hehe=1 hihihi=1 lool=1 coeur=1.2 bisou=1.5
    merci_beaucoup=2.3 merci_infiniment=2.8 un_grand_merci=2.8 mille_mercis=2.8 bien_vu=1.8 bien_dit=1.8
    bien_trouve=1.8 bien_ficele=2 bien_pense=2 tant_mieux=1.5 heureusement_que=0.8 enfin_une_bonne=2
    chef_d_oeuvre=2.8 bijou=1.8 pepite=2 delice=2.5 paradis=2.3 de_reve=2.3 perle=1.8 tresor=1.5
    coup_de_coeur=2.5 bon_plan=2 bonne_affaire=2.3 cadeau=1.2 amitie=1.8 recompense=1.8 medaille=1.5
    recompenser=1.8 recompensee=1.8 gentillesse=2@staff amabilite=2@staff courtoisie=2@staff
    politesse=1.5@staff fraicheur=1.5@quality saveur=1@quality saveurs=1@quality raffinement=1.8
    elegance=1.8 originalite=1.5 generosite=2 honnetete=1.8 ponctualite=1.5@waiting
    disponibilite=0.8 efficacement=1.8 serieusement_bien=2 bien_organise=2 bien_placee=1.5
    bien_situe=1.5 bien_situee=1.5 bien_equipe=1.5 bien_entretenu=1.8 bien_entretenue=1.8 bien_tenu=1.8
    bien_tenue=1.8 bien_pratique=1.8 tres_pratique=2
    plaire=1.5 plait=1.8 plu=1.5 profiter=1 savourer=2 deguster=1.2 soulager=1.5 reconforter=1.8
    emerveiller=2.5 enchanter=2.3 regaler=2.5 ravir=2.3 satisfaire=1.5 preserver=1.2 restaurer=0.8
    recycler=0.8 recyclage=0.8 s_amuser=1.8 amuse=1.5 fete=1.5 feter=1.5 rigoler=1.5 sauvetage=1.2
    embauche=1.2 creation_d_emplois=1.8 reprise=0.5 relance=0.8 essor=1.2 hausse_des_salaires=1.5
    baisse_du_chomage=2 baisse_des_prix=1.8@price baisse_des_emissions=1.5 accord=0.6 d_accord=0.5
    subvention=0.8 primee=1.8 prime=0.5 accompli=1.5
    reussis=1.8 reussit=1.8 reussissent=1.8 gagnent=1.2 gagnons=1.2 bienvenu=1.5 benefices=0.8
    reconnaissant=2 reconnaissance=1.2 ravissement=2.3 sympa_comme_tout=2.5 trop_sympa=2.5

    absurdite=-2 affligeant=-2.5 amer=-1.2 amertume=-1.5 anormal=-1.5 archaique=-1.5 banal=-0.8
    bete=-1.8 betise=-2 bidon=-2 bizarre=-0.8 bancal=-1.5 calamiteux=-2.8 chaotique=-2 confus=-1.2
    contrarie=-1.5 coupable=-1.5 creux=-1.2 defavorable=-1.5 deficient=-1.8 derisoire=-1.5
    detestable=-2.5 douteux=-1.5 dur=-0.6 effroyable=-2.8 embetant=-1.8 encombrant=-1 errone=-1.5
    fastidieux=-1.8 fichu=-1.5 foireux=-2.3 funeste=-2.5 glauque=-2 hideux=-2.5 hostile=-2
    illisible=-1.5 impardonnable=-2.8 imprecis=-1.2 inadapte=-1.5 inconfortable=-1.8 incorrect=-1.5
    indecent=-2 inexcusable=-2.5 infame=-2.8 insense=-2 instable=-1.5 irrespirable=-2 louche=-1.8
    malsain=-2 merdique=-2.8 miserable=-2.3 moche=-2.3 mou=-1 nefaste=-2.3 negatif=-1.5 nocif=-2
    obsolete=-1.5 rebutant=-2 repugnant=-2.8 vetuste=-1.8 vexant=-1.8 vilain=-1.8 inferieur=-0.8
    inexistant=-2 impossible=-1.5 inadequat=-1.5 inacceptablement=-2.5 scandaleusement=-2.5
    tristement=-1.8 horriblement=-2.5 affreusement=-2.3 terriblement=-1 mediocrement=-2
    pietre=-2 piteux=-2 miteux=-2 nase=-2 pourave=-2.5 claque=-1.5 cata=-2.5 chiante=-2.3 relou=-2
    soulant=-2 saoulant=-2 gonflant=-1.8 ca_craint=-2.3 ca_me_saoule=-2.3 j_en_ai_marre=-2.8
    en_avoir_marre=-2.5 fait_chier=-2.8 ca_soule=-2 la_honte=-2.8 quelle_honte=-3 trop_nul=-3
    trop_chiant=-3 trop_triste=-2.8 grosse_deception=-2.8 vraiment_nul=-3 zero_pointe=-2.5
    berk=-2 aie=-1 ouille=-1 argh=-1.5 zut=-1.5 mince_alors=-1 tant_pis=-1.2 oh_non=-1.8 au_secours=-1.8
    pfiou=-0.8 rhaa=-1.2 grrr=-1.5 snif=-1.5 ouin=-1.5 sniff=-1.5 mouais=-0.8 bouh=-1.5
    nimportequoi=-2.3 fail=-2 epicfail=-2.5 wtf=-1.5 omg=0.3 jpp_de_ca=-1.5 degoutee=-2.5
    saccage=-2.5 saccager=-2.5 massacre=-3 massacrer=-2.8 carnage=-2.8 meurtre=-2.8 crime=-2.5
    crimes=-2.5 criminel=-2.5 viol=-3 terreur=-2.8 tragedie=-2.8 trahison=-2.5 trahi=-2.5
    traumatisme=-2.5 defaite=-2 deni=-1.5 depression=-2 discrimination=-2.3 douleur=-2 emeute=-2
    epidemie=-2.2 fraude=-2.5 harcelement=-2.5 inflation=-1.5 licenciement=-2 licencie=-2
    recession=-2 regression=-1.8 tempete=-1.5 cambriolage=-2.5 bavure=-2 censure=-1.8 rancune=-1.8
    rage=-2 nausee=-2 blesse=-2 blessure=-2 blessures=-2 expulsion=-1.8 fermeture=-1 greve=-1.5
    deforestation=-2 dechets=-1.2 maree_noire=-2.5 effet_de_serre=-1
    changement_climatique=-0.8 secheresse=-1.8 canicule=-1.2 surpeche=-2 braconnage=-2.3
    extinction=-2 acidification=-1.5 contaminer=-2 polluer=-2 polluants=-1.8 pesticide=-1.5
    pesticides=-1.5 hausse_des_prix=-2@price
    flambee_des_prix=-2.5@price vie_chere=-2@price cout_de_la_vie=-1@price taxe=-0.8 taxes=-0.8
    impot=-0.6 impots=-0.6 chomeurs=-1.2 pauvres=-1 sdf=-1.5 expulse=-1.8 noye=-2 noyade=-2.3
    naufrage=-2 seisme=-2 ouragan=-2 cyclone=-2 inondations=-1.8 incendies=-2.5 catastrophe_naturelle=-2.8
    recule=-1 reculer=-1 freine=-1 freiner=-1 menacer=-2 menacant=-2 detruisent=-2.3 empirer=-2 empire=-1
    aggrave=-1.8 aggraver=-1.8 echouer=-2 echouent=-2 faillir=-1.5 nuire=-2 nuit_a=-1.8 mepriser=-2.3
    meprise=-2.3 gacher=-2.2 gache=-2 gaspiller=-1.8 saboter=-2.3 sabote=-2.3 bousiller=-2.3
    bousille=-2.3 decevoir=-2 decois=-2 derange=-1.2 deranger=-1.2 derangeant=-1.5 raler=-1.2
    rale=-1.2 crever=-1.5 creve=-1.5 chier=-2.5 vomir=-2.5 craindre=-1 planter=-1.2
    galerer=-2 galerent=-2 foutre=-1.5 fout=-1.2 foutu=-2 foutue=-2 enerver=-2 ennuyer=-1.5
    supplice=-2.5 corvee=-1.8 arnaquee=-3@price escroque=-3@price escroquee=-3@price
    se_faire_avoir=-2.3 on_s_est_fait_avoir=-2.5 pris_pour_des_pigeons=-2.8 mal_recu=-2.3@staff
    se_plaindre=-1.5 je_deconseille=-2.8 deconseille=-2.5 a_deconseiller=-2.8 deconseiller=-2.5
    rien_de_bon=-2 rien_ne_va=-2.3 ca_ne_va_pas=-1.8 pas_terrible_du_tout=-2.5
    pas_genial=-1.8 pas_fou=-1.2 pas_ouf=-1.5 pas_top_du_tout=-2.5 pas_dingue=-1.2 pas_la_peine=-1.5
    pas_assez=-1 pas_du_tout_content=-2.8 pas_du_tout_satisfait=-2.8 loin_d_etre=-1.5
    pasalahauteur=-2.3 honteux=-2.8 quel_dommage=-2 c_est_dommage=-1.8 dommage_que=-1.5

    delicieusement=2.5 parfume=1.5@quality goutu=2@quality gouteux=2@quality bien_assaisonne=1.8@quality
    bien_cuit=1.2@quality cuit_a_point=2.2@quality a_point=1.5@quality fait_maison=1.5@quality
    gastronomique=1.5@quality raffinee=2 bien_presente=1.8@quality genereuses=1.8 copieusement=1.8@quality
    frais_et_bon=2.5@quality produits_frais=2@quality bonne_cuisine=2.3@quality cuisine_excellente=2.8
    bonne_adresse=2.3 belle_decouverte=2.5 excellente_adresse=2.8 bonne_ambiance=2 cadre_agreable=2
    service_impeccable=2.8@staff service_rapide=2.3@waiting service_efficace=2.2@staff
    personnel_agreable=2.3@staff equipe_sympa=2.3@staff nous_reviendrons=2 on_reviendra=2
    je_reviens=1.2 a_refaire=1.5 a_tester=1 a_essayer=1 que_demander_de_plus=2.5 rien_a_dire=1.5
    livraison_rapide=2.2@waiting livre_rapidement=2@waiting recu_rapidement=2@waiting
    arrive_rapidement=2@waiting livre_en_avance=2.2@waiting dans_les_temps=1.5@waiting
    dans_les_delais=1.5@waiting bien_emballe=1.8 bien_protege=1.5 emballage_soigne=2
    conforme_a_l_annonce=2 conforme_a_la_photo=2 conforme_aux_attentes=2 fidele_a_la_photo=2
    fidele_a_la_description=2 comme_sur_la_photo=1.5 comme_annonce=1.2 tres_bon_produit=2.5 bon_produit=2
    produit_de_qualite=2.5@quality bonne_facture=2@quality finitions_soignees=2@quality
    tres_bonne_qualite=2.8@quality qualite_au_rendez_vous=2.5@quality je_rachete=2 je_racheterai=2
    rachete=1.2 racheterai=1.8 je_suis_ravi=2.8 tres_satisfait=2.8 entierement_satisfait=2.8
    fonctionne_parfaitement=2.5 fonctionne_tres_bien=2.5 marche_tres_bien=2.5 facile_a_utiliser=2
    facile_a_monter=1.8 facile_d_utilisation=2 prix_raisonnable=1.8@price prix_imbattable=2.5@price
    petits_prix=1.5@price
    au_top=2.5 nickel_chrome=2.5 sans_accroc=1.8 sans_encombre=1.5 aucun_souci=1.8 rien_a_redire=2.3
    vendeur_serieux=2.2@staff vendeur_reactif=2.2@staff sav_reactif=2.2@staff tres_reactif=2.5@staff
    au_petit_soin=2.3@staff aux_petits_oignons=2.3 un_delice=2.8@quality un_regal=2.8@quality

    servi_froid=-2.2@quality servi_tiede=-2@quality plat_froid=-2@quality huileux=-1.5@quality
    caoutchouteux=-2@quality pateux=-1.5@quality trop_gras=-2@quality trop_sucre=-1.5@quality
    trop_epice=-1.2@quality pas_assez_cuit=-2@quality pas_cuit=-2@quality trop_cuite=-1.5@quality
    surgele=-1.2@quality decongele=-1.5@quality rechauffe=-1.2@quality
    reechauffe=-1.2@quality sans_gout=-2@quality manque_de_gout=-2@quality manque_de_sel=-1@quality
    service_lent=-2.3@waiting service_long=-2@waiting service_desagreable=-2.5@staff
    serveur_desagreable=-2.5@staff personnel_desagreable=-2.5@staff accueil_glacial=-2.5@staff
    glacial=-1.5 oublie_notre_commande=-2.3@staff on_nous_a_oublies=-2.3@staff
    mauvaise_experience=-2.5 experience_decevante=-2.5
    trop_long=-2.2@waiting trop_longtemps=-2@waiting beaucoup_trop=-1 bien_trop=-1
    colis_abime=-2.5@quality colis_endommage=-2.5@quality emballage_abime=-2@quality
    mal_emballe=-2@quality arrive_endommage=-2.5@quality arrive_cassee=-2.5@quality
    livraison_en_retard=-2.2@waiting livre_en_retard=-2.2@waiting jamais_livre=-2.8@availability
    jamais_arrive=-2.5 toujours_pas_recu=-2.5 toujours_pas_livre=-2.5 toujours_rien=-2
    ne_correspond_pas=-2 correspond_pas=-2 rien_a_voir=-1.5 pas_comme_sur_la_photo=-2
    contrefacon=-2.5 faux_produit=-2.5 mauvaise_qualite=-2.5@quality qualite_mediocre=-2.5@quality
    qualite_douteuse=-2.3@quality fait_cheap=-2@quality mal_fini=-2@quality mal_finie=-2@quality
    mal_concu=-2@quality mal_pense=-1.8 se_casse=-2@quality s_est_casse=-2.3@quality
    s_est_cassee=-2.3@quality cassé_au_bout=-2.5@quality tombe_en_panne=-2.5@quality ne_tient_pas=-2
    tient_pas=-1.8 se_decolle=-1.8@quality decolle=-1.5@quality hs=-2@quality
    gadget=-1 inutilisable=-2.8 rembourser=-1 remboursez=-1.5 me_faire_rembourser=-1.8
    renvoyer=-1.2 sav_inexistant=-2.8 sav=-0.2 service_client=-0.2
    aucun_retour=-1.8 pas_de_reponse=-2 ne_repond_pas=-2 ne_repondent_pas=-2 injoignables=-2.3
    argent_jete=-2.5 argent_perdu=-2.5 jete_par_la_fenetre=-2.5 a_jeter=-2.5 bon_pour_la_poubelle=-2.8
    poubelle=-1.5 decu_decu=-2.8 tres_decue=-2.8 vraiment_decu=-2.8 tres_deception=-2.8 j_ai_ete_decu=-2.5
    prix_excessif=-2.2@price trop_chere=-2.8@price beaucoup_trop_cher=-3@price ne_vaut_pas_le_prix=-2.5@price
    vol_manifeste=-2.8@price
    pas_ce_prix=-1.5@price prix_abusif=-2.5@price addition_salee=-2@price facture_salee=-2@price
    charme=1.8 charmer=1.8 seduisant=1.8 seduit=1.5 surprenant=1 decouverte=1 salue=1.5 saluer=1.5
    hommage=1.2 favorise=0.8 permet=0.5 economies=1 economiser=1 astuce=1.2 ambition=0.8
    ambitieux=1.3 fan=1.5 fans=1.5 avenir=0.5 d_avenir=1.5 fiabilite=1.5 super_content=2.8
    tueur=-2.3 tueuse=-2.3 tueuses=-2.3 denoncer=-1.5 denonce=-1.5 foutaise=-2.3 domage=-1.5
    demesure=-1.5 infeste=-1.5 mise_en_demeure=-1.8 aux_abois=-2 trop_tard=-1.5 douter=-0.8
    doute=-0.8 divise=-1 contester=-1 conteste=-1 contestation=-1 protester=-1.2 protestation=-1.2
    denigrer=-2 inquieter=-1.5 deplorer=-2 deplore=-2 interdire=-0.8 interdit=-1 interdiction=-1
    destructeur=-2.3 destructrice=-2.3 ravageur=-2.3 meurtrier=-2.5 meurtriere=-2.5 mortel=-1
    fleau=-2.3 propagande=-1.8 manipulation=-2 manipuler=-2 ideologique=-0.8 ideologie=-0.8
    delire=-1.5 aberrant=-2.3 aberration=-2.3 heresie=-2.3 inconscience=-2 inconscient=-1.8
    irresponsable=-2.3 irresponsabilite=-2.3 incoherence=-1.8 hypocrisie=-2.5 mascarade=-2.5
    farce=-1.5 clown=-1.5 guignol=-2 bouffon=-2.3 cretin=-2.5 imbecile=-2.5 connerie=-2.5
    morose=-1.5 sombre=-1 pessimiste=-1.5 pessimisme=-1.5 preoccupant=-1.8 plombe=-1.5 ruine=-2.2
    endette=-1.5 coute_une_fortune=-2@price gabegie=-2.3 lobby=-0.8 lobbies=-0.8 lobbys=-0.8
    mafieux=-2.3 voyou=-2.3 racaille=-2.3 cancer=-2 cancerigene=-2.3 poison=-2.3 empoisonner=-2.3
    tuerie=-2.8 deuil=-2 pleurs=-1.8 larmes=-1.5 souffre=-2 subir=-1.5 subit=-1.5 toolate=-1.5
    j_aime_pas=-2 j_aime_plus=-1.8 j_adore_pas=-1.8 aime_pas=-2 aime_plus=-1.8 kiffe_pas=-2 plait_pas=-2 recommande_pas=-2.5 conseille_pas=-2.3
    vaut_pas=-1.8 supporte_pas=-2.3 comprends_pas=-1 comprend_pas=-1 fonctionne_plus=-2.3@quality
    marche_plus=-2.3@quality sert_a_rien=-2.3 ne_sert_a_rien=-2.3 sert_a_rien_du_tout=-2.8
    une_tuerie=2.3 en_redemande=2 en_redemander=2 retreci=-1.8@quality deteint=-1.8@quality
    y_reprendra_plus=-2.5 y_reprendrai_plus=-2.5 cesse_de_fonctionner=-2.5@quality
    cesse_de_marcher=-2.5@quality arrete_de_fonctionner=-2.5@quality arrete_de_marcher=-2.5@quality
    rendu_l_ame=-2.3@quality lache_au_bout=-2.3@quality
    """
}
